// The embedded development and test database: FerretDB 1.24 (MongoDB wire protocol)
// on SQLite, built from the Go module pinned in tools/ferretdb and run on loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const moduleDir = join(root, 'tools/ferretdb');
const binDir = join(root, '.data/bin');
export const ferretdbBinary = join(binDir, 'ferretdb');
const stampFile = join(binDir, 'ferretdb.stamp');

export const DEV_DB = { port: 27027, dataDir: join(root, '.data/ferretdb-dev') };
export const TEST_DB = { port: 27028, dataDir: join(root, '.data/ferretdb-test') };

function pinnedVersion() {
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  const match = goMod.match(/github\.com\/FerretDB\/FerretDB (v\d+\.\d+\.\d+)/);
  if (!match) throw new Error('tools/ferretdb/go.mod does not pin github.com/FerretDB/FerretDB');
  return match[1];
}

function go(args, cwd) {
  return execFileSync('go', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/**
 * FerretDB 1.24's SQLite backend looks documents up by `_id` with the expression
 * `_ferretdb_sjson->'$._id'`, while the `_id` index it creates is on `_ferretdb_sjson->"_id"`.
 * SQLite only uses an expression index for the same expression, so every lookup, update and
 * delete by `_id` scanned the whole collection (EXPLAIN QUERY PLAN: SCAN). Both paths name the
 * same field; the build writes the lookup the way the index is written, and SQLite then
 * searches the index (EXPLAIN QUERY PLAN: SEARCH … USING INDEX).
 */
const ID_INDEX_PATCH = {
  file: 'internal/backends/sqlite/metadata/metadata.go',
  from: `IDColumn = DefaultColumn + "->'$._id'"`,
  to: `IDColumn = DefaultColumn + "->'_id'"`,
};

function applyIdIndexPatch(sourceDir) {
  const file = join(sourceDir, ID_INDEX_PATCH.file);
  const source = readFileSync(file, 'utf8');
  if (!source.includes(ID_INDEX_PATCH.from)) {
    throw new Error(`${ID_INDEX_PATCH.file} no longer holds ${ID_INDEX_PATCH.from}: review the _id index patch`);
  }
  writeFileSync(file, source.replace(ID_INDEX_PATCH.from, ID_INDEX_PATCH.to));
}

function buildStamp(version) {
  const goSum = readFileSync(join(moduleDir, 'go.sum'));
  const goVersion = go(['env', 'GOVERSION'], moduleDir);
  return createHash('sha256')
    .update(version)
    .update(goSum)
    .update(goVersion)
    .update(JSON.stringify(ID_INDEX_PATCH))
    .digest('hex');
}

/** Builds the FerretDB binary unless the one on disk was built from the same pins. */
export function ensureFerretdbBinary() {
  const version = pinnedVersion();
  const stamp = buildStamp(version);
  if (existsSync(ferretdbBinary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return ferretdbBinary;
  }
  const started = Date.now();
  console.log(`[db] building FerretDB ${version} with go build (first run only)…`);
  // `go mod download` checks the module against tools/ferretdb/go.sum. The module cache is
  // read-only and FerretDB refuses to run without build/version/version.txt (written by its
  // release tooling), so the source is copied to a scratch folder and the file added there.
  const sourceDir = JSON.parse(
    go(['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${version}`], moduleDir),
  ).Dir;
  const scratch = join(root, '.data/ferretdb-src');
  rmSync(scratch, { recursive: true, force: true });
  cpSync(sourceDir, scratch, { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', scratch]);
  writeFileSync(join(scratch, 'build/version/version.txt'), `${version}\n`);
  applyIdIndexPatch(scratch);
  mkdirSync(binDir, { recursive: true });
  execFileSync('go', ['build', '-trimpath', '-o', ferretdbBinary, './cmd/ferretdb'], {
    cwd: scratch,
    stdio: 'inherit',
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
  });
  rmSync(scratch, { recursive: true, force: true });
  writeFileSync(stampFile, stamp);
  console.log(`[db] FerretDB built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ferretdbBinary;
}

function waitForPort(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePromise, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) {
        reject(new Error(`FerretDB exited with code ${child.exitCode} before listening on ${port}`));
        return;
      }
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolvePromise();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline)
          reject(new Error(`FerretDB did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export function isPortOpen(port) {
  return new Promise((resolvePromise) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('error', () => resolvePromise(false));
  });
}

/**
 * Starts FerretDB on 127.0.0.1:<port> with SQLite files in dataDir. debugAddr (host:port) opens
 * its debug listener (metrics, pprof) there; only the benchmark's profile run asks for it.
 * Resolves with the base connection string and a stop() that waits for the process to exit.
 */
export async function startFerretdb({ port, dataDir, fresh = false, logFile, debugAddr = '-' }) {
  const binary = ensureFerretdbBinary();
  if (await isPortOpen(port)) {
    throw new Error(`127.0.0.1:${port} is already in use: stop the other FerretDB (or process) first`);
  }
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${dataDir}/`,
    `--state-dir=${dataDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    `--debug-addr=${debugAddr}`,
    '--telemetry=disable',
    '--log-level=ERROR',
  ];
  const child = spawn(binary, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DO_NOT_TRACK: 'true', FERRETDB_TELEMETRY: 'disable' },
  });
  if (logFile) writeFileSync(logFile, `${binary} ${args.join(' ')}\n`);
  await waitForPort(port, child, 30_000);
  const stop = () =>
    new Promise((resolvePromise) => {
      if (child.exitCode !== null) return resolvePromise();
      child.once('exit', () => resolvePromise());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  return { uri: `mongodb://127.0.0.1:${port}/`, child, stop };
}

// `node tools/db/ferretdb.mjs build` builds the binary; `… start` runs the dev database in the foreground.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2] ?? 'start';
  if (command === 'build') {
    ensureFerretdbBinary();
  } else if (command === 'start') {
    const db = await startFerretdb(DEV_DB);
    console.log(`[db] FerretDB listening at ${db.uri} (data in ${DEV_DB.dataDir})`);
    const shutdown = () => db.stop().then(() => process.exit(0));
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  } else {
    console.error('usage: node tools/db/ferretdb.mjs [build|start]');
    process.exit(2);
  }
}
