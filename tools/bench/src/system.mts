// The processes under test: the bench's own FerretDB, the API's production build, the bare relay.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startFerretdb } from '../../db/ferretdb.mjs';
import { freePort } from '../../scripts/free-port.cjs';
import { root, run, waitForHttp } from '../../scripts/processes.mjs';

export const API_MAIN = join(root, 'dist/apps/api/main.js');
/** This run's own files: two benches at once (the checkout is shared) must not share a database. */
const RUN_DIR = join(root, `.data/bench-${process.pid}`);
/** Where the bench runs its copy of the build (its packages still resolve from the root node_modules). */
const API_SNAPSHOT = join(RUN_DIR, 'api');

/** Removes this run's database files and build copy, once what used them has stopped. */
export async function removeRunFiles(): Promise<void> {
  rmSync(RUN_DIR, { recursive: true, force: true });
}
const HERE = join(root, 'tools/bench/src');

export interface Database {
  uri: string;
  /** FerretDB's pid when the bench started it, so that its CPU can be reported. */
  pid?: number;
  /** FerretDB's debug listener (pprof), when asked for. */
  debugUrl?: string;
  stop(): Promise<void>;
}

export interface Served {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface MemoryUsage {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

export interface Api extends Served {
  jwtSecret: string;
  /** process.memoryUsage() inside the API after a full collection (see memory-probe.cjs). */
  memoryUsage(): Promise<MemoryUsage>;
  /** The API's Prometheus samples by name (unlabelled ones), or an empty map if it exposes none. */
  metrics(): Promise<Map<string, number>>;
  /** With `dbCommands`: forgets the commands counted so far (see db-command-probe.cjs). */
  resetDbCommands(): Promise<void>;
  /** With `dbCommands`: the database commands the API sent since the last reset, by kind. */
  dbCommands(): Promise<DbCommandKind[]>;
}

/** One kind of database command the API sent (db-command-probe.cjs), with a uniform sample of them as Extended JSON. */
export interface DbCommandKind {
  kind: string;
  commands: number;
  statements: number;
  /** The driver's time from sending each to its answer, summed. */
  durationMs: number;
  samples: string[];
}

/**
 * MONGODB_URI when the caller set it, otherwise a fresh FerretDB of the bench's own, with its
 * pprof listener on a free loopback port when `debug` is set.
 */
export async function startDatabase(port: number | undefined, logFile: string, debug: boolean): Promise<Database> {
  if (process.env.MONGODB_URI) {
    console.log('[bench] MONGODB_URI is set: using that server');
    return { uri: process.env.MONGODB_URI, stop: async () => undefined };
  }
  const debugAddr = debug ? `127.0.0.1:${await freePort()}` : undefined;
  const dataDir = join(RUN_DIR, 'ferretdb');
  const db = await startFerretdb({
    port: port ?? (await freePort()),
    dataDir,
    fresh: true,
    logFile,
    ...(debugAddr ? { debugAddr } : {}),
  });
  console.log(`[bench] FerretDB on ${db.uri} (fresh data in ${dataDir})`);
  return {
    uri: db.uri,
    pid: db.child.pid,
    ...(debugAddr ? { debugUrl: `http://${debugAddr}` } : {}),
    stop: db.stop,
  };
}

/** Builds the API in production mode unless told not to; --smoke reuses an existing build. */
export async function buildApi(build: boolean | undefined, smoke: boolean): Promise<void> {
  const wanted = build ?? !(smoke && existsSync(API_MAIN));
  if (!wanted) {
    if (!existsSync(API_MAIN)) throw new Error(`--no-build, but ${API_MAIN} does not exist: build the API first`);
    console.log('[bench] reusing dist/apps/api (pass --build to rebuild)');
    return;
  }
  const started = performance.now();
  // The api project's default build configuration is its production one (NODE_ENV=production).
  const code = await run('npx', ['nx', 'build', 'api', '--outputStyle=stream']);
  if (code !== 0) throw new Error(`npx nx build api exited with ${code}`);
  console.log(`[bench] API built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Stops a child with SIGTERM, then SIGKILL after a grace period. */
function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
  });
}

async function serve(
  child: ChildProcess,
  url: string,
  healthUrl: string,
  name: string,
  stopGraceMs?: number,
): Promise<Served> {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  try {
    await waitForHttp(healthUrl, 60_000, () => !exited());
  } catch (error) {
    await stopChild(child);
    throw new Error(`${name} did not start: ${(error as Error).message}`);
  }
  if (child.pid === undefined) throw new Error(`${name} has no pid`);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping)
      console.error(`[bench] ${name} exited on its own (${signal ?? `code ${code}`}): the figures after this are void`);
  });
  const stop = () => {
    stopping = true;
    return stopChild(child, stopGraceMs);
  };
  return { url, pid: child.pid, child, stop };
}

/**
 * Runs dist/apps/api/main.js as production would, with a secret of its own (or the one given, so
 * that a restarted API accepts the same tokens), against the given database. Its output goes to
 * logFile: request logs would otherwise drown the bench's. With cpuProfDir, V8 profiles the whole
 * process and writes the profile there when it exits.
 */
export async function startApi(
  databaseUri: string,
  dbName: string,
  logFile: string,
  maxSendsPerUserPerSecond: number,
  extra: { jwtSecret?: string; cpuProfDir?: string; dbCommands?: boolean } = {},
): Promise<Api> {
  const port = await freePort();
  const jwtSecret = extra.jwtSecret ?? `bench-${randomBytes(24).toString('hex')}`;
  const metricsToken = randomBytes(24).toString('hex');
  const log = createWriteStream(logFile);
  // A copy of the build: another command rebuilding dist during the run cannot change what is measured.
  mkdirSync(API_SNAPSHOT, { recursive: true });
  for (const file of ['main.js', 'main.js.map']) {
    if (existsSync(join(dirname(API_MAIN), file)))
      copyFileSync(join(dirname(API_MAIN), file), join(API_SNAPSHOT, file));
  }
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      ...(extra.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${extra.cpuProfDir}`] : []),
      '--require',
      join(HERE, 'memory-probe.cjs'),
      ...(extra.dbCommands ? ['--require', join(HERE, 'db-command-probe.cjs')] : []),
      join(API_SNAPSHOT, 'main.js'),
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        JWT_SECRET: jwtSecret,
        JWT_EXPIRES_IN: '12h',
        HOST: '127.0.0.1',
        PORT: String(port),
        MONGODB_URI: databaseUri,
        MONGODB_DB: dbName,
        SEED_DEMO_DATA: 'false',
        METRICS_TOKEN: metricsToken,
        // The per-user send limit guards against abuse, it is not capacity: kept above what the bench sends.
        THROTTLE_SEND_PER_10S: String(Math.ceil(maxSendsPerUserPerSecond * 10) * 2),
        // So are the login and upload limits: the image-load step logs one account in many times.
        THROTTLE_LOGIN_PER_ACCOUNT_PER_15MIN: '100000',
        THROTTLE_LOGIN_PER_ADDRESS_AND_ACCOUNT_PER_15MIN: '100000',
        THROTTLE_UPLOADS_PER_HOUR: '100000',
      },
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  // Writing a CPU profile at exit takes a while: a profiled API gets longer before SIGKILL.
  const served = await serve(
    child,
    url,
    `${url}/api/health`,
    `the API (log: ${logFile})`,
    extra.cpuProfDir ? 60_000 : undefined,
  );
  /** Asks a probe preloaded in the API over the IPC channel and waits for its answer of the same type. */
  const ask = <T,>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the API did not answer the ${type} probe`)), 10_000);
      const listener = (message: unknown) => {
        if ((message as { type?: string }).type !== type) return;
        clearTimeout(timer);
        child.off('message', listener);
        resolve(message as T);
      };
      child.on('message', listener);
      child.send(type);
    });
  const memoryUsage = () => ask<MemoryUsage>('memory-usage');
  const resetDbCommands = async () => {
    await ask('db-commands-reset');
  };
  const dbCommands = async () => (await ask<{ kinds: DbCommandKind[] }>('db-commands')).kinds;
  const metrics = async () => {
    const response = await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    const samples = new Map<string, number>();
    if (!response.ok) return samples;
    for (const line of (await response.text()).split('\n')) {
      const match = line.match(/^([a-zA-Z_:][\w:]*) (\S+)$/);
      if (match) samples.set(match[1], Number(match[2]));
    }
    return samples;
  };
  console.log(`[bench] API (production build) on ${url}, log in ${logFile}`);
  return { ...served, memoryUsage, metrics, resetDbCommands, dbCommands, jwtSecret };
}

/** The bare Socket.IO relay, in its own Node process like the API. */
export async function startRelay(): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'relay.mts'), String(port)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // Socket.IO answers its polling endpoint with 400 to a bare GET: enough to know it listens.
  return serve(child, url, `${url}/socket.io/`, 'the relay');
}
