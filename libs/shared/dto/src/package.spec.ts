import { Parser } from '@asyncapi/parser';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspace = resolve(__dirname, '../../../..');
const built = join(workspace, 'dist/libs/shared/dto');
const bin = (name: string) => join(workspace, 'node_modules/.bin', name);
const tsc = join(workspace, 'node_modules/typescript/bin/tsc');

/** The versions a consumer installs next to the package (its peers), and a typed Socket.IO client. */
const PEERS = ['class-validator@0.15.1', 'class-transformer@0.5.1', 'reflect-metadata@0.2.2'];
const ID = '6b07bd0e44ecb3a1dc99551e';

/** A fresh project of its own in the scratch folder, with the packed tarball and `extra` installed. */
function consumer(scratch: string, name: string, type: 'commonjs' | 'module', extra: string[]) {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type }));
  const install = spawnSync(
    'npm',
    [
      'install',
      join(scratch, 'package.tgz'),
      ...extra,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  return { dir, install };
}

function compileAndRun(dir: string, file: string, module: 'node16' | 'nodenext'): unknown {
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
      '--experimentalDecorators',
      '--resolveJsonModule',
      '--outDir',
      'out',
      file,
    ],
    { cwd: dir, stdio: 'pipe' },
  );
  return JSON.parse(
    execFileSync('node', [join('out', file.replace(/\.(m?)ts$/, '.$1js'))], { cwd: dir, encoding: 'utf8' }),
  );
}

/**
 * Outside teams install the built package: this packs what `nx run shared-dto:package` wrote
 * (the build and the OpenAPI and AsyncAPI documents), checks it with publint and attw, and installs
 * the tarball into fresh CommonJS and ESM projects next to their own class-validator and
 * class-transformer.
 */
describe('@promoto/shared-dto as an installed package', () => {
  let scratch: string;

  beforeAll(() => {
    if (!existsSync(join(built, 'openapi.json')))
      throw new Error('run `npx nx run shared-dto:package` first (the test target depends on it)');
    scratch = mkdtempSync(join(tmpdir(), 'shared-dto-consumers-'));
    const tarball = execFileSync('npm', ['pack', built, '--pack-destination', scratch, '--silent'], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop();
    renameSync(join(scratch, tarball ?? ''), join(scratch, 'package.tgz'));
  }, 60_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('is clean for publint and for attw in every module resolution', () => {
    // Without colours whatever the runner's terminal says (nx forces them on in its child processes).
    const publint = spawnSync(bin('publint'), ['run', built, '--strict'], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    expect({ status: publint.status, output: publint.stdout.trim().split('\n').pop() }).toEqual({
      status: 0,
      output: 'All good!',
    });
    const attw = spawnSync(bin('attw'), [join(scratch, 'package.tgz'), '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(attw.stdout) as {
      analysis: { problems: unknown[]; entrypoints: Record<string, unknown> };
    };
    expect(report.analysis.problems).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([
      '.',
      './asyncapi.json',
      './openapi.json',
      './package.json',
      './schemas.json',
      './validation',
    ]);
    expect(attw.status).toBe(0);
  }, 60_000);

  it('ships an AsyncAPI document that the AsyncAPI parser validates, of the same version as the package', async () => {
    const text = readFileSync(join(built, 'asyncapi.json'), 'utf8');
    const { document, diagnostics } = await new Parser().parse(text);
    // Spectral's severities: 0 error, 1 warning, 2 information, 3 hint.
    expect(diagnostics.filter((diagnostic) => diagnostic.severity < 2)).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(built, 'package.json'), 'utf8'));
    expect(document?.info().version()).toBe(manifest.version);
    expect(document?.operations().length).toBeGreaterThan(10);
  }, 60_000);

  it('declares its peers (optional for type-only users), engines, and ships maps with their sources', () => {
    const manifest = JSON.parse(readFileSync(join(built, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({ tslib: expect.any(String) });
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual([
      'class-transformer',
      'class-validator',
      'reflect-metadata',
    ]);
    for (const peer of Object.keys(manifest.peerDependencies)) {
      expect(manifest.peerDependenciesMeta[peer]).toEqual({ optional: true });
    }
    expect(manifest.engines.node).toMatch(/^>=\d+/);
    const map = JSON.parse(readFileSync(join(built, 'src/validation.js.map'), 'utf8'));
    expect(map.sourcesContent[0]).toContain("import './lib/validation/require-reflect-metadata';");
    expect(readFileSync(join(built, 'README.md'), 'utf8')).toContain('## Versioning');
    expect(readFileSync(join(built, 'CHANGELOG.md'), 'utf8')).toMatch(/^## \d+\.\d+\.\d+/m);
  });

  it("works in a CommonJS TypeScript project with the consumer's own copies: validation, transforms, typed Socket.IO client", () => {
    const { dir, install } = consumer(scratch, 'cjs', 'commonjs', [...PEERS, 'socket.io-client@4.8.3']);
    expect(install.status).toBe(0);
    // One copy of each: the consumer's, so that @Type and @Trim register where its validator looks.
    for (const peer of ['class-validator', 'class-transformer'])
      expect(existsSync(join(dir, 'node_modules/@promoto/shared-dto/node_modules', peer))).toBe(false);
    writeFileSync(
      join(dir, 'consumer.ts'),
      `import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { io, type Socket } from 'socket.io-client';
import {
  LIMITS, SOCKET_EVENTS, type Ack, type ClientToServerEvents, type MessageView, type ServerToClientEvents,
  type SocketConnectErrorData, type SocketHandshakeAuth,
} from '@promoto/shared-dto';
import { LoginDto, SendMessageDto } from '@promoto/shared-dto/validation';

const check = (payload: object) => validateSync(plainToInstance(SendMessageDto, payload)).length;
const trimmed = plainToInstance(SendMessageDto, { recipientId: '${ID}', content: '  Bonjour  ' });
const login = plainToInstance(LoginDto, { email: '  Camille@Promoto.TEST ', password: 'x' });

const auth: SocketHandshakeAuth = { token: 'jwt' };
const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io('http://127.0.0.1:9', { autoConnect: false, auth });
socket.on('new-message', (message: MessageView) => message.content);
socket.on('connect_error', (error) => (error as Error & { data?: SocketConnectErrorData }).data?.code);
socket.emit('typing', { recipientId: '${ID}', isTyping: true });
socket.emit('send-message', { recipientId: '${ID}', content: 'Bonjour' }, (answer: Ack<{ message: MessageView }>) =>
  answer.ok ? answer.message.id : answer.error.code,
);
// @ts-expect-error send-message answers with the stored message: its acknowledgement is required
socket.emit('send-message', { recipientId: '${ID}', content: 'Bonjour' });

console.log(JSON.stringify({
  event: SOCKET_EVENTS.newMessage,
  content: trimmed.content,
  email: login.email,
  valid: check({ recipientId: '${ID}', content: '  Bonjour  ' }),
  blank: check({ recipientId: '${ID}', content: '   ' }),
  tooLong: check({ recipientId: '${ID}', content: 'x'.repeat(LIMITS.messageContentMaxLength + 1) }),
  badId: check({ recipientId: 'not-an-id', content: 'Bonjour' }),
}));
`,
    );
    expect(compileAndRun(dir, 'consumer.ts', 'node16')).toEqual({
      event: 'new-message',
      content: 'Bonjour',
      email: 'camille@promoto.test',
      valid: 0,
      blank: 1,
      tooLong: 1,
      badId: 1,
    });
  }, 120_000);

  it("works in an ESM TypeScript project, and ships the OpenAPI and AsyncAPI documents and the views' schemas", () => {
    const { dir, install } = consumer(scratch, 'esm', 'module', PEERS);
    expect(install.status).toBe(0);
    writeFileSync(
      join(dir, 'consumer.mts'),
      `import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ERROR_CODES, type ApiError } from '@promoto/shared-dto';
import { SendMessageDto } from '@promoto/shared-dto/validation';
import openapi from '@promoto/shared-dto/openapi.json' with { type: 'json' };
import schemas from '@promoto/shared-dto/schemas.json' with { type: 'json' };
import asyncapi from '@promoto/shared-dto/asyncapi.json' with { type: 'json' };

const dto = plainToInstance(SendMessageDto, { recipientId: '${ID}', content: '\\tSalut\\n' });
const error: ApiError = { code: ERROR_CODES.VALIDATION_FAILED, message: 'x' };
console.log(JSON.stringify({
  content: dto.content,
  errors: validateSync(dto).length,
  code: error.code,
  sendPath: 'post' in (openapi.paths as Record<string, object>)['/api/messages'],
  schema: Object.keys(openapi.components.schemas).includes('SendMessageDto'),
  sent: openapi.paths['/api/messages'].post.responses['201'].content['application/json'].schema.$ref,
  view: schemas.definitions.MessageView.required,
  event: asyncapi.components.messages['server.new-message'].name,
}));
`,
    );
    expect(compileAndRun(dir, 'consumer.mts', 'nodenext')).toEqual({
      content: 'Salut',
      errors: 0,
      code: 'VALIDATION_FAILED',
      sendPath: true,
      schema: true,
      sent: '#/components/schemas/MessageView',
      view: ['id', 'conversationId', 'senderId', 'recipientId', 'content', 'createdAt'],
      event: 'new-message',
    });
  }, 120_000);

  it('serves type-only users without any peer, and says what /validation needs without reflect-metadata', () => {
    const { dir, install } = consumer(scratch, 'bare', 'commonjs', []);
    expect(install.status).toBe(0);
    expect(existsSync(join(dir, 'node_modules/class-validator'))).toBe(false);
    const contracts = spawnSync('node', ['-p', "require('@promoto/shared-dto').SOCKET_EVENTS.sendMessage"], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(contracts.stdout.trim()).toBe('send-message');

    const { dir: withPeers } = consumer(scratch, 'no-reflect', 'commonjs', [
      'class-validator@0.15.1',
      'class-transformer@0.5.1',
    ]);
    const validation = spawnSync('node', ['-e', "require('@promoto/shared-dto/validation')"], {
      cwd: withPeers,
      encoding: 'utf8',
    });
    expect(validation.status).toBe(1);
    expect(validation.stderr).toContain(
      "@promoto/shared-dto/validation needs reflect-metadata: install it (npm install reflect-metadata) and import 'reflect-metadata' once at your entry point, before this package.",
    );
  }, 120_000);

  it('is refused at install next to a class-transformer whose decorators it cannot use', () => {
    const { install } = consumer(scratch, 'old', 'commonjs', ['class-transformer@0.4.0', 'class-validator@0.15.1']);
    expect(install.status).not.toBe(0);
    expect(install.stderr).toContain('peerOptional class-transformer@"^0.5.1" from @promoto/shared-dto');
  }, 120_000);
});
