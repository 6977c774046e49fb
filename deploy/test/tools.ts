import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const workspaceRoot = resolve(__dirname, '../..');
export const chartDir = join(workspaceRoot, 'deploy/helm/promoto');
export const observabilityDir = join(workspaceRoot, 'deploy/observability');

/** A Go tool built into .data/bin by tools/scripts/go-tools.mjs (npm test and .ci/run run it first). */
function binary(name: 'helm' | 'promtool' | 'chart-check'): string {
  const path = join(workspaceRoot, '.data/bin', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run node tools/scripts/go-tools.mjs`);
  return path;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(name: 'helm' | 'promtool' | 'chart-check', args: string[], input?: string): Run {
  const result = spawnSync(binary(name), args, {
    encoding: 'utf8',
    input,
    maxBuffer: 64 * 1024 * 1024,
    // Helm keeps no cache or config outside a scratch home, and never reaches the network here.
    env: { PATH: process.env['PATH'], HOME: join(workspaceRoot, 'tmp/helm-home') },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Throws with the tool's own words when it fails. */
export function succeed(result: Run): string {
  if (result.status !== 0) throw new Error(`exit ${result.status}\n${result.stderr}${result.stdout}`);
  return result.stdout;
}
