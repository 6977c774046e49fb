// The development and test mail server: Mailpit (SMTP in, web UI and API out), built from the
// Go module pinned in tools/mailpit, with its web UI built from tools/mailpit/ui's lockfile, and
// run on loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPortOpen } from '../db/ferretdb.mjs';
import { stopChild } from '../scripts/processes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const moduleDir = join(root, 'tools/mailpit');
const uiDir = join(moduleDir, 'ui');
const binDir = join(root, '.data/bin');
/** The web UI's build dependencies, installed once from tools/mailpit/ui's lockfile. */
const uiModulesDir = join(root, '.data/mailpit-ui');

export const mailpitBinary = join(binDir, 'mailpit');

export const DEV_MAIL = { httpPort: 8025, smtpPort: 1025, dataDir: join(root, '.data/mailpit-dev') };
// TEST_MAIL_HTTP_PORT and TEST_MAIL_SMTP_PORT let two checkouts run their tests side by side.
export const TEST_MAIL = {
  httpPort: Number(process.env.TEST_MAIL_HTTP_PORT ?? 8026),
  smtpPort: Number(process.env.TEST_MAIL_SMTP_PORT ?? 1026),
  dataDir: join(root, '.data/mailpit-test'),
};

function pinnedVersion() {
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  const match = goMod.match(/github\.com\/axllent\/mailpit (v\d+\.\d+\.\d+)/);
  if (!match) throw new Error('tools/mailpit/go.mod does not pin github.com/axllent/mailpit');
  return match[1];
}

function buildStamp(version) {
  const goVersion = execFileSync('go', ['env', 'GOVERSION'], { cwd: moduleDir, encoding: 'utf8' }).trim();
  return createHash('sha256')
    .update(version)
    .update(readFileSync(join(moduleDir, 'go.sum')))
    .update(readFileSync(join(uiDir, 'package-lock.json')))
    .update(goVersion)
    .digest('hex');
}

/**
 * Installs the UI's build dependencies (npm ci of tools/mailpit/ui's lockfile) into
 * .data/mailpit-ui, unless the same lockfile is installed there already; answers the node_modules.
 */
function ensureUiModules() {
  const lock = readFileSync(join(uiDir, 'package-lock.json'));
  const installedLock = join(uiModulesDir, 'package-lock.json');
  const nodeModules = join(uiModulesDir, 'node_modules');
  if (existsSync(nodeModules) && existsSync(installedLock) && readFileSync(installedLock).equals(lock)) {
    return nodeModules;
  }
  rmSync(uiModulesDir, { recursive: true, force: true });
  mkdirSync(uiModulesDir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(uiDir, file), join(uiModulesDir, file));
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: uiModulesDir, stdio: 'inherit' });
  return nodeModules;
}

/** Builds Mailpit unless the binary on disk was built from the same pins. */
export function ensureMailpitBinary() {
  const stampFile = `${mailpitBinary}.stamp`;
  const version = pinnedVersion();
  const stamp = buildStamp(version);
  if (existsSync(mailpitBinary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return mailpitBinary;
  }
  const started = Date.now();
  console.log(`[mail] building Mailpit ${version} and its web UI (first run only)…`);
  mkdirSync(binDir, { recursive: true });
  // The web UI (JavaScript and CSS under server/ui/dist, embedded in the binary) is built by
  // Mailpit's release process and is not in the Go module. `go mod download` checks the module
  // against tools/mailpit/go.sum; its source is copied to a scratch folder (the module cache is
  // read-only), the UI built there with Mailpit's own esbuild config, and the binary built from it.
  const sourceDir = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', `github.com/axllent/mailpit@${version}`], {
      cwd: moduleDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ).Dir;
  const nodeModules = ensureUiModules();
  const scratch = mkdtempSync(join(tmpdir(), 'mailpit-src-'));
  try {
    cpSync(sourceDir, scratch, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', scratch]);
    symlinkSync(nodeModules, join(scratch, 'node_modules'));
    execFileSync('node', ['esbuild.config.mjs'], {
      cwd: scratch,
      stdio: 'inherit',
      env: { ...process.env, MINIFY: 'true' },
    });
    // Beside the old binary and renamed over it, which a running Mailpit may still use.
    execFileSync(
      'go',
      [
        'build',
        '-trimpath',
        '-ldflags',
        `-s -w -X github.com/axllent/mailpit/config.Version=${version}`,
        '-o',
        `${mailpitBinary}.new`,
        '.',
      ],
      { cwd: scratch, stdio: 'inherit', env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' } },
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  renameSync(`${mailpitBinary}.new`, mailpitBinary);
  writeFileSync(stampFile, stamp);
  console.log(`[mail] Mailpit built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return mailpitBinary;
}

async function waitForReady(httpPort, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Mailpit exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Mailpit was not ready on 127.0.0.1:${httpPort} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts Mailpit with its web UI and API on 127.0.0.1:<httpPort> and SMTP on 127.0.0.1:<smtpPort>,
 * messages kept in dataDir. Resolves with the SMTP URL, the API base URL and a stop() that waits
 * for the process to exit.
 */
export async function startMailpit({ httpPort, smtpPort, dataDir, fresh = false }) {
  const binary = ensureMailpitBinary();
  for (const port of [httpPort, smtpPort]) {
    if (await isPortOpen(port)) {
      throw new Error(`127.0.0.1:${port} is already in use: stop the other Mailpit (or process) first`);
    }
  }
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(
    binary,
    [
      `--listen=127.0.0.1:${httpPort}`,
      `--smtp=127.0.0.1:${smtpPort}`,
      `--database=${join(dataDir, 'mailpit.db')}`,
      '--smtp-auth-accept-any',
      '--smtp-auth-allow-insecure',
      '--smtp-disable-rdns',
      '--disable-version-check',
      '--quiet',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  await waitForReady(httpPort, child, 30_000);
  const stop = () => stopChild(child);
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    apiUrl: `http://127.0.0.1:${httpPort}`,
    child,
    stop,
  };
}

// `node tools/mailpit/mailpit.mjs build` builds the binary; `… start` runs the development Mailpit
// in the foreground; `… start <httpPort> <smtpPort> <dataDir>` runs one on fresh data (tests).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command = 'start', httpPort, smtpPort, dataDir] = process.argv.slice(2);
  if (command === 'build') {
    ensureMailpitBinary();
  } else if (command === 'start') {
    const target = httpPort
      ? { httpPort: Number(httpPort), smtpPort: Number(smtpPort), dataDir: resolve(dataDir), fresh: true }
      : DEV_MAIL;
    const mail = await startMailpit(target);
    console.log(`[mail] Mailpit: SMTP ${mail.smtpUrl}, web UI and API ${mail.apiUrl}`);
    const shutdown = () => mail.stop().then(() => process.exit(0));
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  } else {
    console.error('usage: node tools/mailpit/mailpit.mjs [build | start [<httpPort> <smtpPort> <dataDir>]]');
    process.exit(2);
  }
}
