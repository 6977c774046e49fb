import { newMessageId } from './message-id';

describe('newMessageId', () => {
  it('orders ids by time to the millisecond, and strictly within a process', () => {
    const ids = Array.from({ length: 1_000 }, () => newMessageId().toHexString());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps the ObjectId timestamp in seconds', () => {
    const before = Math.floor(Date.now() / 1000);
    const seconds = newMessageId().getTimestamp().getTime() / 1000;
    expect(seconds).toBeGreaterThanOrEqual(before);
    expect(seconds).toBeLessThanOrEqual(before + 1);
  });

  it('sorts an id of a later millisecond after one of an earlier millisecond, whatever the process', async () => {
    const first = newMessageId().toHexString();
    await new Promise((resolve) => setTimeout(resolve, 2));
    jest.isolateModules(() => {
      // A second module instance has its own random process tag, like another replica.
      const { newMessageId: otherReplica } = jest.requireActual<typeof import('./message-id')>('./message-id');
      expect(otherReplica().toHexString() > first).toBe(true);
    });
  });
});
