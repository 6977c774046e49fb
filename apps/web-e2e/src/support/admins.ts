import { expect, type APIRequestContext } from '@playwright/test';
import type { AuthResponse } from '@promoto/shared-dto';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASSWORD, unique, type Account } from './users';

const ROOT = join(__dirname, '../../../..');

/** The development settings serve.mjs gives the API: the command validates the same configuration. */
function devSetting(name: string): string | undefined {
  const line = readFileSync(join(ROOT, 'tools/dev.env'), 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}=`));
  return line?.slice(name.length + 1).trim();
}

/**
 * An admin made as operators make one, by the command the image ships (dist/apps/api/admin-cli.js,
 * built with the API), on the browser tests' database; logged in through the API.
 */
export async function createAdmin(request: APIRequestContext, name: string): Promise<Account> {
  const email = `${unique('admin')}@promoto.test`;
  const command = spawn(
    process.execPath,
    [join(ROOT, 'dist/apps/api/admin-cli.js'), 'create', '--email', email, '--name', name],
    {
      env: {
        ...process.env,
        MONGODB_URI: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27029/',
        MONGODB_DB: 'e2e_web',
        JWT_SECRET: process.env['JWT_SECRET'] ?? devSetting('JWT_SECRET'),
        ADMIN_PASSWORD: PASSWORD,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  command.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  command.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => command.once('exit', resolve));
  expect(code, output).toBe(0);
  const response = await request.post('/api/auth/login', { data: { email, password: PASSWORD } });
  expect(response.status(), await response.text()).toBe(200);
  const auth = (await response.json()) as AuthResponse;
  return { email, password: PASSWORD, user: auth.user, token: auth.accessToken };
}
