import type { AuthResponse } from '@promoto/shared-dto';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import type { Actor } from './actors';
import { PRODUCTION_TEST_SECRET, workspaceRoot } from './processes';
import { testDatabaseName, testServerUri } from './test-database';

/** The operator command as the image ships it (built by the api test target, like main.js). */
const ADMIN_CLI = join(workspaceRoot, 'dist/apps/api/admin-cli.js');

export const ADMIN_PASSWORD = 'moderation-attentive-du-garage';

let sequence = 0;

/**
 * Runs the operator command (`node admin-cli.js …`) on the database `env` names (MONGODB_URI,
 * MONGODB_DB, JWT_SECRET: this process's by default), `stdin` written to its standard input.
 */
export async function adminCommand(
  args: string[],
  env: Record<string, string | undefined> = {},
  stdin = '',
): Promise<{ code: number | null; output: string }> {
  const command = spawn(process.execPath, [ADMIN_CLI, ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  command.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  command.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  command.stdin.end(stdin);
  const code = await new Promise<number | null>((resolve) => command.once('exit', resolve));
  return { code, output };
}

/** A fresh admin made by the operator command, logged in over real HTTP. */
export async function createAdmin(baseUrl: string, env: Record<string, string | undefined> = {}): Promise<Actor> {
  sequence += 1;
  const email = `admin${sequence}-${Date.now().toString(36)}@example.test`;
  const { code, output } = await adminCommand(['create', '--email', email, '--name', 'Alice Modération'], {
    ...env,
    ADMIN_PASSWORD,
  });
  if (code !== 0) throw new Error(`the admin command failed:\n${output}`);
  const login = await request(baseUrl).post('/api/auth/login').send({ email, password: ADMIN_PASSWORD }).expect(200);
  const auth = login.body as AuthResponse;
  return { ...auth, bearer: `Bearer ${auth.accessToken}` };
}

/** A fresh admin of a built API process started by `startApiProcess` on the test database. */
export function createProcessAdmin(baseUrl: string): Promise<Actor> {
  return createAdmin(baseUrl, {
    MONGODB_URI: testServerUri(),
    MONGODB_DB: testDatabaseName(),
    JWT_SECRET: PRODUCTION_TEST_SECRET,
  });
}

/** Suspends the account (`suspended: true`) or lifts its suspension, as `admin`, over real HTTP. */
export async function setSuspension(baseUrl: string, admin: Actor, accountId: string, suspended: boolean) {
  await request(baseUrl)
    .post(`/api/admin/accounts/${accountId}/${suspended ? 'suspension' : 'reinstatement'}`)
    .set('Authorization', admin.bearer)
    .send({ reason: suspended ? 'Essai de suspension' : 'Essai de levée' })
    .expect(200);
}
