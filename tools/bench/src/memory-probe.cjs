// Preloaded into the API process (`node --expose-gc --require …`) by the bench, so that the
// memory step can read the heap after a full collection without any change to the API.
// The bench asks over the IPC channel it opened when it spawned the process.
process.on('message', (request) => {
  if (request !== 'memory-usage') return;
  global.gc?.();
  process.send?.({ type: 'memory-usage', ...process.memoryUsage() });
});
// The channel must not keep the API alive once Nest has shut down.
process.channel?.unref();
