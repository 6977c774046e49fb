import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspace = resolve(__dirname, '../../../..');
const built = join(workspace, 'dist/libs/shared/dto');

/**
 * Outside teams install the built package: this packs what `nx build shared-dto` wrote,
 * installs the tarball in a scratch project and compiles and runs a consumer against it.
 */
describe('@promoto/shared-dto as an installed package', () => {
  let scratch: string;

  beforeAll(() => {
    if (!existsSync(join(built, 'package.json')))
      throw new Error('run `npx nx build shared-dto` first (the test target depends on it)');
    scratch = mkdtempSync(join(tmpdir(), 'shared-dto-consumer-'));
    const tarball = execFileSync('npm', ['pack', built, '--pack-destination', scratch, '--silent'], {
      encoding: 'utf8',
    }).trim();
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    execFileSync(
      'npm',
      [
        'install',
        join(scratch, tarball.split('\n').pop() ?? ''),
        'reflect-metadata@0.2.2',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
      ],
      { cwd: scratch, stdio: 'ignore' },
    );
  }, 120_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('declares main, types and exports for both entry points', () => {
    const manifest = JSON.parse(readFileSync(join(scratch, 'node_modules/@promoto/shared-dto/package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      main: './src/index.js',
      types: './src/index.d.ts',
      exports: { '.': expect.any(Object), './validation': expect.any(Object) },
    });
  });

  it('type-checks and runs a consumer of the contracts and the validated DTOs', () => {
    writeFileSync(
      join(scratch, 'consumer.ts'),
      `import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { LIMITS, SOCKET_EVENTS, type MessageView, type ServerToClientEvents } from '@promoto/shared-dto';
import { SendMessageDto } from '@promoto/shared-dto/validation';

const onMessage: ServerToClientEvents['new-message'] = (message: MessageView) => message.content;
const dto = plainToInstance(SendMessageDto, { recipientId: '6b07bd0e44ecb3a1dc99551e', content: '  Bonjour  ' });
const errors = validateSync(dto);
const tooLong = validateSync(plainToInstance(SendMessageDto, { recipientId: '6b07bd0e44ecb3a1dc99551e', content: 'x'.repeat(LIMITS.messageContentMaxLength + 1) }));
console.log(JSON.stringify({ event: SOCKET_EVENTS.newMessage, content: dto.content, errors: errors.length, tooLong: tooLong.length, typed: typeof onMessage }));
`,
    );
    const tsc = join(workspace, 'node_modules/typescript/bin/tsc');
    execFileSync(
      'node',
      [
        tsc,
        '--strict',
        '--module',
        'node16',
        '--moduleResolution',
        'node16',
        '--target',
        'es2022',
        '--experimentalDecorators',
        '--skipLibCheck',
        '--outDir',
        'out',
        'consumer.ts',
      ],
      { cwd: scratch, stdio: 'pipe' },
    );
    const output = execFileSync('node', ['out/consumer.js'], {
      cwd: scratch,
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({
      event: 'new-message',
      content: 'Bonjour',
      errors: 0,
      tooLong: 1,
      typed: 'function',
    });
  });
});
