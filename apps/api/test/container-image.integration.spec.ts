import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { registerActor } from './support/actors';
import { PRODUCTION_TEST_SECRET, run, startApiProcess, workspaceRoot, type ApiProcess } from './support/processes';
import { testDatabaseName, testServerUri } from './support/test-database';

const dockerfile = readFileSync(join(workspaceRoot, 'docker/api.Dockerfile'), 'utf8');
const runtimeStage = dockerfile.slice(dockerfile.indexOf('AS runtime'));

/**
 * No Docker engine runs on our machines: this builds the API exactly as docker/api.Dockerfile
 * does (nx build, which writes main.js with a manifest and lockfile of what it imports; then
 * `npm ci --omit=dev` on those, next to main.js alone) and runs the result with production
 * settings against the embedded database.
 */
describe('the API container image, built without Docker', () => {
  let imageDir: string;
  let api: ApiProcess;

  beforeAll(async () => {
    imageDir = mkdtempSync(join(tmpdir(), 'promoto-api-image-'));
    for (const file of ['package.json', 'package-lock.json', 'main.js']) {
      copyFileSync(join(workspaceRoot, 'dist/apps/api', file), join(imageDir, file));
    }
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], {
      cwd: imageDir,
      stdio: 'ignore',
    });
    api = await startApiProcess(
      { MONGODB_URI: testServerUri(), MONGODB_DB: testDatabaseName(), LOG_LEVEL: 'info' },
      join(imageDir, 'main.js'),
    );
  }, 180_000);

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    rmSync(imageDir, { recursive: true, force: true });
    const mongo = await MongoClient.connect(testServerUri());
    await mongo.db(testDatabaseName()).dropDatabase();
    await mongo.close();
  });

  it('is the build the Dockerfile describes: pruned, production dependencies only, non-root, health-checked', () => {
    expect(dockerfile).toContain('npx nx build api');
    expect(runtimeStage).toContain('ENV NODE_ENV=production');
    expect(runtimeStage).toContain('npm ci --omit=dev');
    expect(runtimeStage).toMatch(/^USER node$/m);
    expect(runtimeStage).toMatch(/^HEALTHCHECK .*\n?.*\/api\/health/m);
    const installed = JSON.parse(readFileSync(join(imageDir, 'package-lock.json'), 'utf8')).packages as Record<
      string,
      { dev?: boolean }
    >;
    expect(Object.keys(installed).some((name) => name.endsWith('node_modules/jest'))).toBe(false);
  });

  it('serves /api/health with production settings', async () => {
    const health = await request(api.baseUrl).get('/api/health').expect(200);
    expect(health.body.info.database.status).toBe('up');
  });

  it('logs one JSON line per request with request and user ids, and no password, token or message content', async () => {
    const client = await registerActor(api.baseUrl, 'client');
    const garagiste = await registerActor(api.baseUrl, 'garagiste');
    await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .set('X-Request-Id', 'trace-me-42')
      .send({ recipientId: garagiste.user.id, content: 'contenu-tres-confidentiel' })
      .expect(201);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const lines = api.output().trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const sendLog = entries.find((entry) => (entry['req'] as { id?: string } | undefined)?.id === 'trace-me-42');
    expect(sendLog).toMatchObject({
      userId: client.user.id,
      res: { statusCode: 201 },
      req: { method: 'POST', url: '/api/messages' },
    });
    const all = lines.join('\n');
    expect(all).not.toContain('motdepasse-solide');
    expect(all).not.toContain(client.accessToken);
    expect(all).not.toContain('contenu-tres-confidentiel');
  });

  it('refuses to start in production with the development secret, naming the variable', async () => {
    const refused = run(process.execPath, [join(imageDir, 'main.js')], {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      MONGODB_URI: testServerUri(),
      JWT_SECRET: 'dev-only-promoto-secret-not-for-production-use',
    });
    expect((await refused.exited).code).toBe(1);
    expect(refused.output().trim()).toBe(
      'Invalid configuration: environment variable JWT_SECRET holds the development secret; production must supply its own.',
    );
    expect(PRODUCTION_TEST_SECRET.startsWith('dev-only-')).toBe(false);
  });
});
