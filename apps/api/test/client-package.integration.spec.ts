import type { MessageView, Page } from '@promoto/shared-dto';
import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import request from 'supertest';
import { registerActor, sendMessage, type Actor } from './support/actors';
import { startApiProcess, waitFor, workspaceRoot, type ApiProcess } from './support/processes';
import { TcpProxy } from './support/tcp-proxy';
import { testDatabaseName, testServerUri } from './support/test-database';

const tsc = join(workspaceRoot, 'node_modules/typescript/bin/tsc');
const PACKAGES = ['dist/libs/shared/dto', 'dist/libs/client'];

/**
 * The consumer: logs in, connects, sends what it reads on its standard input (`{ "send", "to" }`
 * lines) and writes one JSON line per thing that happens. The same text is compiled as CommonJS
 * and as ESM.
 */
const CONSUMER = `import { PromotoClient, type PromotoError } from '@promoto/client';
import type { MessageView } from '@promoto/shared-dto';
import { createInterface } from 'node:readline';

const say = (line: object) => process.stdout.write(JSON.stringify(line) + '\\n');

async function main(): Promise<void> {
  const client = new PromotoClient({
    baseUrl: process.env['API_URL'] as string,
    ackTimeoutMs: 500,
    socket: { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300 },
  });
  client.on('message', (message: MessageView) => say({ on: 'message', id: message.id, content: message.content }));
  client.on('connected', () => say({ on: 'connected' }));
  client.on('disconnected', (reason: string) => say({ on: 'disconnected', reason }));
  client.on('error', (error: unknown) => say({ on: 'error', error: String(error) }));
  const email = process.env['EMAIL'] as string;
  const { user } = await client.login({ email, password: process.env['PASSWORD'] as string }, { renew: true });
  await client.connect();
  say({ on: 'ready', userId: user.id });
  for await (const line of createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as { send: string; to: string } | { exit: true };
    if ('exit' in command) break;
    client.send({ recipientId: command.to, content: command.send }).then(
      (message: MessageView) => say({ on: 'sent', id: message.id, content: message.content }),
      (error: PromotoError) => say({ on: 'refused', code: error.code }),
    );
  }
  client.close();
}

main().catch((error: unknown) => {
  say({ on: 'failed', error: String(error) });
  process.exit(1);
});
`;

interface Said {
  on: string;
  id?: string;
  content?: string;
  reason?: string;
}

/** A consumer process: what it said so far, and a way to wait for a line or to give it a command. */
class Consumer {
  readonly said: Said[] = [];
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(dir: string, script: string, env: Record<string, string>) {
    this.child = spawn('node', [script], { cwd: dir, env: { PATH: process.env['PATH'], ...env } });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.said.push(JSON.parse(line) as Said));
    this.child.stderr.on('data', (chunk: Buffer) => this.said.push({ on: 'stderr', content: chunk.toString() }));
  }

  async waitFor(what: string, check: (said: Said[]) => boolean, timeoutMs = 20_000): Promise<void> {
    await waitFor(async () => check(this.said), timeoutMs, `${what}; it said ${JSON.stringify(this.said)}`);
  }

  command(line: object): void {
    this.child.stdin.write(`${JSON.stringify(line)}\n`);
  }

  lines(on: string): Said[] {
    return this.said.filter((line) => line.on === on);
  }

  /** Tells it to close its client, and ends its input: it exits once nothing is left to do. */
  async exit(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end(`${JSON.stringify({ exit: true })}\n`);
    return exited;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/**
 * An outside team's project: installs the packed @promoto/shared-dto and @promoto/client into a
 * fresh CommonJS or ESM project, and runs a consumer against the built API through a TCP proxy
 * that the test stalls and cuts: it logs in, sends, receives the reply live, and after a stalled
 * acknowledgement and a forced disconnection loses nothing and duplicates nothing.
 */
describe('@promoto/client in a fresh project, against the running API', () => {
  let api: ApiProcess;
  let proxy: TcpProxy;
  let scratch: string;
  let tarballs: string[];
  let camille: Actor;
  let marc: Actor;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'client-consumers-'));
    tarballs = PACKAGES.map((dir) => {
      const name = execFileSync('npm', ['pack', join(workspaceRoot, dir), '--pack-destination', scratch, '--silent'], {
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .pop() as string;
      return join(scratch, name);
    });
    api = await startApiProcess({ MONGODB_URI: testServerUri(), MONGODB_DB: testDatabaseName() });
    proxy = new TcpProxy('127.0.0.1', api.port);
    await proxy.open();
  }, 120_000);

  afterAll(async () => {
    for (const consumer of consumers) consumer.kill();
    await proxy?.cut();
    api?.child.kill('SIGKILL');
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** A fresh project with the two tarballs installed, and the consumer compiled in it. */
  function project(name: string, type: 'commonjs' | 'module'): { dir: string; script: string } {
    const dir = join(scratch, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type }));
    const install = spawnSync(
      'npm',
      [
        'install',
        ...tarballs,
        '@types/node@22.20.5',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect({ status: install.status, stderr: install.status === 0 ? '' : install.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    const source = type === 'module' ? 'consumer.mts' : 'consumer.ts';
    writeFileSync(join(dir, source), CONSUMER);
    const module = type === 'module' ? 'nodenext' : 'node16';
    execFileSync(
      'node',
      [
        tsc,
        '--strict',
        '--module',
        module,
        '--moduleResolution',
        module,
        '--target',
        'es2022',
        '--outDir',
        'out',
        source,
      ],
      { cwd: dir, stdio: 'pipe' },
    );
    return { dir, script: join('out', source.replace(/\.(m?)ts$/, '.$1js')) };
  }

  const history = async () =>
    (
      await request(api.baseUrl)
        .get(`/api/messages/conversation/${camille.user.id}?limit=100`)
        .set('Authorization', marc.bearer)
        .expect(200)
    ).body as Page<MessageView>;

  for (const [name, type] of [
    ['CommonJS', 'commonjs'],
    ['ESM', 'module'],
  ] as const) {
    it(`works from ${name}: sends, receives live, and after a stalled ack and a cut connection nothing is lost or doubled`, async () => {
      await proxy.open();
      [camille, marc] = await Promise.all([
        registerActor(api.baseUrl, 'client', 'Camille'),
        registerActor(api.baseUrl, 'garagiste', 'Marc'),
      ]);
      const { dir, script } = project(name, type);
      const consumer = new Consumer(dir, script, {
        API_URL: `http://127.0.0.1:${proxy.port}`,
        EMAIL: camille.user.email,
        PASSWORD: 'motdepasse-solide',
      });
      consumers.push(consumer);
      await consumer.waitFor('ready', (said) => said.some((line) => line.on === 'ready'), 30_000);
      const to = marc.user.id;

      consumer.command({ send: 'Bonjour, la courroie ?', to });
      await consumer.waitFor('the first send', () => consumer.lines('sent').length === 1);
      const reply = await sendMessage(api.baseUrl, marc, camille, 'Oui, passez demain à 9 h.');
      await consumer.waitFor('the reply, live', () => consumer.lines('message').length === 1);

      // The acknowledgement is held: the send is stored, then sent again with the same clientMessageId.
      proxy.hold();
      consumer.command({ send: 'Parfait, à demain.', to });
      await waitFor(
        async () => (await history()).items.some((message) => message.content === 'Parfait, à demain.'),
        10_000,
        'the held send to be stored',
      );
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      proxy.release();
      await consumer.waitFor('the held send acknowledged', () => consumer.lines('sent').length === 2);

      // Cut: what Marc sends meanwhile is caught up, what Camille sends meanwhile goes once it is back.
      await proxy.cut();
      await consumer.waitFor('the disconnection', () => consumer.lines('disconnected').length > 0);
      const missed = [];
      for (const content of ['Finalement 10 h ?', 'Ou 11 h.', 'Dites-moi.']) {
        missed.push(await sendMessage(api.baseUrl, marc, camille, content));
      }
      consumer.command({ send: 'Je regarde…', to });
      consumer.command({ send: '10 h me va.', to });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await proxy.open();
      await consumer.waitFor('the two sends made while cut', () => consumer.lines('sent').length === 4);
      await consumer.waitFor('the three missed messages', () => consumer.lines('message').length === 4);
      const live = await sendMessage(api.baseUrl, marc, camille, 'Noté, à demain 10 h.');
      await consumer.waitFor('the last message, live', () => consumer.lines('message').length === 5);

      expect(consumer.lines('message').map(({ id }) => id)).toEqual([reply, ...missed, live].map(({ id }) => id));
      const stored = (await history()).items.filter((message) => message.senderId === camille.user.id);
      expect(stored.map((message) => message.content)).toEqual([
        'Bonjour, la courroie ?',
        'Parfait, à demain.',
        expect.stringMatching(/^(Je regarde…|10 h me va\.)$/),
        expect.stringMatching(/^(Je regarde…|10 h me va\.)$/),
      ]);
      expect(new Set(stored.map((message) => message.content)).size).toBe(4);
      expect(
        consumer
          .lines('sent')
          .map(({ id }) => id)
          .sort(),
      ).toEqual(stored.map(({ id }) => id).sort());
      expect(consumer.said.filter((line) => ['error', 'refused', 'failed', 'stderr'].includes(line.on))).toEqual([]);
      expect(await consumer.exit()).toBe(0);
    }, 180_000);
  }
});
