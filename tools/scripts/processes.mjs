// Helpers shared by the start, test and bench scripts: environment, child processes, readiness.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Loads tools/dev.env into process.env without overriding what the caller already set. */
export function loadDevEnv() {
  const file = join(root, 'tools/dev.env');
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = line.match(/^\s*([A-Z0-9_]+)=(.*)$/);
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2].trim();
  }
  process.env.NX_NO_CLOUD = 'true';
  process.env.NX_DAEMON = 'false';
  process.env.NX_TUI = 'false';
}

/** Stops a server we spawned: SIGTERM, SIGKILL after 5 s; resolves once it has exited. */
export function stopChild(child) {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null) return resolvePromise();
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

/** Starts a command in its own process group so that stop() ends it and everything it started. */
export function startProcess(command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', detached: true, ...options });
  const exited = new Promise((resolvePromise) =>
    child.once('exit', (code, signal) => resolvePromise({ code, signal })),
  );
  const stop = async (timeoutMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return exited;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };
  return { child, exited, stop };
}

/** Runs a command to completion and resolves with its exit code. */
export async function run(command, args, options = {}) {
  const { exited } = startProcess(command, args, { detached: false, ...options });
  const { code, signal } = await exited;
  return code ?? (signal ? 1 : 0);
}

/** Polls an HTTP address until it answers with a status below 500, or fails after timeoutMs. */
export async function waitForHttp(url, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the process serving ${url} exited`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
