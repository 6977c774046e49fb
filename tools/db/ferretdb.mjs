// The embedded development and test database: FerretDB 1.24 (MongoDB wire protocol)
// on SQLite, built from the Go module pinned in tools/ferretdb and run on loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../scripts/processes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const moduleDir = join(root, 'tools/ferretdb');
const patchDir = join(root, 'tools/db/patches');
const binDir = join(root, '.data/bin');

/**
 * The builds of the pinned FerretDB. `patched` (every patch in tools/db/patches, see its
 * README) is the one we run; `reference` carries only the `_id` lookup fix, which changes no
 * result, and is what the differential test compares the other patches with.
 */
const VARIANTS = {
  patched: { binary: 'ferretdb', patches: (names) => names },
  reference: { binary: 'ferretdb-reference', patches: (names) => names.filter((name) => name.startsWith('0001-')) },
};

export const ferretdbBinary = join(binDir, VARIANTS.patched.binary);
export const referenceFerretdbBinary = join(binDir, VARIANTS.reference.binary);

export const DEV_DB = { port: 27027, dataDir: join(root, '.data/ferretdb-dev') };
// TEST_DB_PORT lets two checkouts run their tests side by side.
export const TEST_DB = { port: Number(process.env.TEST_DB_PORT ?? 27028), dataDir: join(root, '.data/ferretdb-test') };

function pinnedVersion() {
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  const match = goMod.match(/github\.com\/FerretDB\/FerretDB (v\d+\.\d+\.\d+)/);
  if (!match) throw new Error('tools/ferretdb/go.mod does not pin github.com/FerretDB/FerretDB');
  return match[1];
}

function go(args, cwd) {
  return execFileSync('go', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

function variantPatches(variant) {
  const names = readdirSync(patchDir)
    .filter((name) => name.endsWith('.patch'))
    .sort();
  return VARIANTS[variant].patches(names).map((name) => ({ name, text: readFileSync(join(patchDir, name), 'utf8') }));
}

/** Applies each patch, refusing one that does not apply exactly (git apply allows no fuzz). */
function applyPatches(sourceDir, patches) {
  for (const { name } of patches) {
    const file = join(patchDir, name);
    try {
      execFileSync('git', ['apply', '--check', file], { cwd: sourceDir, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      throw new Error(`tools/db/patches/${name} no longer applies to FerretDB: review it\n${error.stderr}`);
    }
    execFileSync('git', ['apply', file], { cwd: sourceDir, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

function buildStamp(version, patches) {
  const goSum = readFileSync(join(moduleDir, 'go.sum'));
  const goVersion = go(['env', 'GOVERSION'], moduleDir);
  const hash = createHash('sha256').update(version).update(goSum).update(goVersion);
  for (const { name, text } of patches) hash.update(name).update(text);
  return hash.digest('hex');
}

/** Builds a FerretDB binary (`patched` or `reference`) unless the one on disk was built from the same pins and patches. */
export function ensureFerretdbBinary(variant = 'patched') {
  const binary = join(binDir, VARIANTS[variant].binary);
  const stampFile = `${binary}.stamp`;
  const version = pinnedVersion();
  const patches = variantPatches(variant);
  const stamp = buildStamp(version, patches);
  if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return binary;
  }
  const started = Date.now();
  console.log(`[db] building FerretDB ${version} (${variant}) with go build (first run only)…`);
  // `go mod download` checks the module against tools/ferretdb/go.sum. The module cache is
  // read-only and FerretDB refuses to run without build/version/version.txt (written by its
  // release tooling), so the source is copied to a scratch folder (outside this repository,
  // so that git apply patches it as plain files) and the file added there.
  const sourceDir = JSON.parse(
    go(['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${version}`], moduleDir),
  ).Dir;
  const scratch = mkdtempSync(join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(sourceDir, scratch, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', scratch]);
    writeFileSync(join(scratch, 'build/version/version.txt'), `${version}\n`);
    applyPatches(scratch, patches);
    mkdirSync(binDir, { recursive: true });
    // Built beside and renamed over the old binary, which FerretDB processes may still run.
    execFileSync('go', ['build', '-trimpath', '-o', `${binary}.new`, './cmd/ferretdb'], {
      cwd: scratch,
      stdio: 'inherit',
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
    });
    renameSync(`${binary}.new`, binary);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  writeFileSync(stampFile, stamp);
  console.log(`[db] FerretDB (${variant}) built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return binary;
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
 * variant `reference` runs the build without the query and update patches (differential tests).
 * Resolves with the base connection string and a stop() that waits for the process to exit.
 */
export async function startFerretdb({ port, dataDir, fresh = false, logFile, debugAddr = '-', variant = 'patched' }) {
  const binary = ensureFerretdbBinary(variant);
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
  const stop = () => stopChild(child);
  return { uri: `mongodb://127.0.0.1:${port}/`, child, stop };
}

// `node tools/db/ferretdb.mjs build` builds both binaries; `… start` runs the dev database in the
// foreground; `… start <variant> <port> <dataDir>` runs that build on fresh data (tools/db tests),
// `… restart <variant> <port> <dataDir>` on the data already there.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command = 'start', variant, port, dataDir] = process.argv.slice(2);
  if (command === 'build') {
    ensureFerretdbBinary('patched');
    ensureFerretdbBinary('reference');
  } else if ((command === 'start' || command === 'restart') && (variant === undefined || variant in VARIANTS)) {
    const fresh = command === 'start';
    const target = variant ? { port: Number(port), dataDir: resolve(dataDir), fresh, variant } : DEV_DB;
    const db = await startFerretdb(target);
    console.log(`[db] FerretDB listening at ${db.uri} (data in ${target.dataDir}, pid ${db.child.pid})`);
    const shutdown = () => db.stop().then(() => process.exit(0));
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  } else {
    console.error('usage: node tools/db/ferretdb.mjs [build | (start|restart) [patched|reference <port> <dataDir>]]');
    process.exit(2);
  }
}
