// The Go programs the checks of deploy/ run: Helm (lint, template), promtool (alert rules) and
// chart-check (rendered objects against the Kubernetes API types), each built with `go build`
// from the module pinned in tools/<name> into .data/bin, and rebuilt only when its pins or the
// Go version change (a stamp beside the binary), like FerretDB and Mailpit.
// `node tools/scripts/go-tools.mjs` builds what is missing; npm test and .ci/run call it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './processes.mjs';

const binDir = join(root, '.data/bin');

/** What each binary is built from: its module folder and the package (its own, or a pinned module's). */
export const GO_TOOLS = {
  helm: { moduleDir: 'tools/helm', pkg: 'helm.sh/helm/v4/cmd/helm' },
  promtool: { moduleDir: 'tools/promtool', pkg: 'github.com/prometheus/prometheus/cmd/promtool' },
  'chart-check': { moduleDir: 'tools/chart-check', pkg: '.' },
};

export const goToolBinary = (name) => join(binDir, name);

function stampOf(moduleDir) {
  const goVersion = execFileSync('go', ['env', 'GOVERSION'], { cwd: moduleDir, encoding: 'utf8' }).trim();
  const hash = createHash('sha256').update(goVersion);
  // Every file of the module folder: go.mod, go.sum and, for our own programs, their source.
  for (const file of readdirSync(moduleDir).sort()) hash.update(file).update(readFileSync(join(moduleDir, file)));
  return hash.digest('hex');
}

/** Builds the named tool unless the binary on disk was built from the same pins; answers its path. */
export function ensureGoTool(name) {
  const { moduleDir: relativeDir, pkg } = GO_TOOLS[name];
  const moduleDir = join(root, relativeDir);
  const binary = goToolBinary(name);
  const stampFile = `${binary}.stamp`;
  const stamp = stampOf(moduleDir);
  if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return binary;
  const started = Date.now();
  console.log(`[go-tools] building ${name} from ${relativeDir} (first run only)…`);
  mkdirSync(binDir, { recursive: true });
  // Built from the module folder, so go.sum checks every dependency; beside the old binary and
  // renamed over it, which a running check may still use.
  execFileSync('go', ['build', '-trimpath', '-ldflags', '-s -w', '-o', `${binary}.new`, pkg], {
    cwd: moduleDir,
    stdio: 'inherit',
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  renameSync(`${binary}.new`, binary);
  writeFileSync(stampFile, stamp);
  console.log(`[go-tools] ${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return binary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const name of Object.keys(GO_TOOLS)) ensureGoTool(name);
}
