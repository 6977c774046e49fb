import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspace = resolve(__dirname, '../../..');
const built = join(workspace, 'dist/libs/client');
const bin = (name: string) => join(workspace, 'node_modules/.bin', name);

/**
 * The built package as outside teams install it (the end-to-end run of a consumer against the API
 * is apps/api/test/client-package.integration.spec.ts), and its REST types, generated from the
 * OpenAPI document of the same version.
 */
describe('@promoto/client as a package', () => {
  let scratch: string;
  let tarball: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'client-package-'));
    const name = execFileSync('npm', ['pack', built, '--pack-destination', scratch, '--silent'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    tarball = join(scratch, name ?? '');
  }, 60_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('is clean for publint and for attw in every module resolution', () => {
    const publint = spawnSync(bin('publint'), ['run', built, '--strict'], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    expect({ status: publint.status, output: publint.stdout.trim().split('\n').pop() }).toEqual({
      status: 0,
      output: 'All good!',
    });
    const attw = spawnSync(bin('attw'), [tarball, '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(attw.stdout) as {
      analysis: { problems: unknown[]; entrypoints: Record<string, unknown> };
    };
    expect(report.analysis.problems).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './package.json']);
    expect(attw.status).toBe(0);
  }, 60_000);

  it('depends on the contracts of its own version, and says how it is versioned', () => {
    const manifest = JSON.parse(readFileSync(join(built, 'package.json'), 'utf8'));
    const contracts = JSON.parse(readFileSync(join(workspace, 'libs/shared/dto/package.json'), 'utf8'));
    expect(manifest.version).toBe(contracts.version);
    expect(manifest.dependencies['@promoto/shared-dto']).toBe(contracts.version);
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      '@promoto/shared-dto',
      'openapi-fetch',
      'socket.io-client',
      'tslib',
    ]);
    expect(readFileSync(join(built, 'README.md'), 'utf8')).toContain('## A bot that answers messages');
  });

  it('types REST calls from the OpenAPI document of the same version: after an API change, run `npx nx run client:openapi-types`', () => {
    const generated = spawnSync(
      bin('openapi-typescript'),
      [join(workspace, 'dist/libs/shared/dto/openapi.json'), '-o', join(scratch, 'openapi.ts')],
      { encoding: 'utf8' },
    );
    expect(generated.status).toBe(0);
    expect(readFileSync(join(workspace, 'libs/client/src/lib/openapi.ts'), 'utf8')).toBe(
      readFileSync(join(scratch, 'openapi.ts'), 'utf8'),
    );
  }, 60_000);
});
