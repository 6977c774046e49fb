import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from './support/processes';

const checker = join(workspaceRoot, '.data/bin/compose-check');
const compose = (args: string[]) =>
  spawnSync(checker, ['-f', join(workspaceRoot, 'docker/docker-compose.yml'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] },
  });

/** `docker compose config`, through the library docker compose itself uses (no Docker engine here). */
describe('docker/docker-compose.yml', () => {
  beforeAll(() => {
    execFileSync('go', ['build', '-o', checker, '.'], {
      cwd: join(workspaceRoot, 'tools/compose-check'),
      stdio: 'inherit',
    });
  }, 180_000);

  it('resolves with the example env file: MongoDB 7, Redis 7, two API replicas and the web server', () => {
    const result = compose(['--env-file', join(workspaceRoot, 'docker/.env.example')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const line of [
      '  api-1:',
      '  api-2:',
      '  mongo:',
      '  redis:',
      '  web:',
      'image: mongo:7',
      'image: redis:7-alpine',
    ]) {
      expect(result.stdout).toContain(line);
    }
    expect(result.stdout).toMatch(/REDIS_URL: redis:\/\/redis:6379/);
    expect(result.stdout).toMatch(/condition: service_healthy/);
  });

  it('refuses to resolve without the secrets, naming them', () => {
    const result = compose([]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('required variable JWT_SECRET is missing a value');
  });
});
