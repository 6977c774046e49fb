import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { freePort } from '../../../../tools/scripts/free-port.cjs';

export { freePort };

export const workspaceRoot = resolve(__dirname, '../../../..');
export const builtApi = join(workspaceRoot, 'dist/apps/api/main.js');

/** A secret of production strength for API processes started with NODE_ENV=production. */
export const PRODUCTION_TEST_SECRET = 'integration-tests-only-secret-0123456789abcdef';

/** The memory allocator's settings the container image runs the API with (its `ENV MALLOC_…` lines). */
export function imageAllocatorEnvironment(): Record<string, string> {
  const dockerfile = readFileSync(join(workspaceRoot, 'docker/api.Dockerfile'), 'utf8');
  return Object.fromEntries(
    [...dockerfile.matchAll(/^ENV (MALLOC_\w+)=(\S+)$/gm)].map(([, name, value]) => [name, value]),
  );
}

export interface RunningProcess {
  child: ChildProcess;
  /** Everything the process printed, for assertions and failure messages. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = workspaceRoot): RunningProcess {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  return { child, output: () => output, exited };
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface ApiProcess extends RunningProcess {
  baseUrl: string;
  port: number;
}

/**
 * Starts the built API (dist/apps/api/main.js) as production runs it, and waits until it is ready;
 * `node` is the Node.js binary to run it with (the container image's, in the image test).
 */
export async function startApiProcess(
  env: Record<string, string>,
  entry = builtApi,
  node = process.execPath,
): Promise<ApiProcess> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: the api test target builds it first (nx test api)`);
  const port = Number(env['PORT'] ?? (await freePort()));
  const api = run(node, [entry], {
    PATH: process.env['PATH'],
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    JWT_SECRET: PRODUCTION_TEST_SECRET,
    LOG_LEVEL: 'warn',
    THROTTLE_AUTH_PER_MINUTE: '10000',
    THROTTLE_REFRESH_PER_MINUTE: '10000',
    THROTTLE_SEND_PER_10S: '10000',
    ...env,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  let exitedEarly = false;
  void api.exited.then(() => (exitedEarly = true));
  await waitFor(
    async () => {
      if (exitedEarly) throw new Error(`the API exited before it was ready:\n${api.output()}`);
      return (await fetch(`${baseUrl}/api/health/ready`)).status === 200;
    },
    60_000,
    `the API on ${baseUrl}`,
  ).catch((error: Error) => {
    api.child.kill('SIGKILL');
    throw new Error(`${error.message}\n${api.output()}`);
  });
  return { ...api, baseUrl, port };
}

export interface RedisProcess extends RunningProcess {
  url: string;
  port: number;
}

/** Debian's redis-server on loopback, without persistence. */
export async function startRedis(port?: number): Promise<RedisProcess> {
  const chosen = port ?? (await freePort());
  const redis = run(
    'redis-server',
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      PATH: process.env['PATH'],
    },
  );
  redis.child.once('error', () => undefined);
  await waitFor(
    () =>
      new Promise<boolean>((resolveOpen) => {
        const socket = net.connect({ host: '127.0.0.1', port: chosen });
        socket.once('connect', () => {
          socket.destroy();
          resolveOpen(true);
        });
        socket.once('error', () => resolveOpen(false));
      }),
    10_000,
    `redis-server on ${chosen} (is Debian's redis-server installed? .ci/run installs it)`,
  );
  return { ...redis, url: `redis://127.0.0.1:${chosen}`, port: chosen };
}

/**
 * Two API processes over this test file's database and one Redis, as ops run replicas behind a
 * load balancer. If one fails to start, the other is stopped before the error is thrown.
 */
export async function startReplicaPair(env: Record<string, string>): Promise<[ApiProcess, ApiProcess]> {
  const started = await Promise.allSettled([startApiProcess(env), startApiProcess(env)]);
  const failed = started.find((result) => result.status === 'rejected');
  if (!failed)
    return started.map((result) => (result as PromiseFulfilledResult<ApiProcess>).value) as [ApiProcess, ApiProcess];
  for (const result of started) if (result.status === 'fulfilled') result.value.child.kill('SIGKILL');
  throw (failed as PromiseRejectedResult).reason;
}
