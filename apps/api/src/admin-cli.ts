import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { AdminAccounts } from './admin/admin-accounts';
import { AdminCliModule } from './admin/admin-cli.module';

const USAGE = `Usage: node admin-cli.js create --email <email> [--name <name>]
       node admin-cli.js revoke --email <email>
create: creates an admin account, or makes the existing account of that e-mail (in no garage) an
admin. The password of a new account is read from ADMIN_PASSWORD, or else from the standard input
(never from the command line).
revoke: the admin of that e-mail is one no more (an account of no garage) and its sessions end.
Running either again changes nothing.`;

const COMMANDS = ['create', 'revoke'];

/** The password from ADMIN_PASSWORD, or the first line of the standard input. */
async function readPassword(): Promise<string> {
  const fromEnvironment = process.env['ADMIN_PASSWORD'];
  if (fromEnvironment) return fromEnvironment;
  if (process.stdin.isTTY) process.stderr.write('Password of the new admin (then Enter): ');
  let input = '';
  for await (const chunk of process.stdin) {
    input += String(chunk);
    if (input.includes('\n')) break;
  }
  const password = input.split(/\r?\n/)[0];
  if (!password) throw new Error('No password: set ADMIN_PASSWORD or write it on the standard input.');
  return password;
}

/** Who runs the command, for the audit (a container's user may have no name). */
function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
  });
  const command = positionals[0];
  if (values.help || !command || !COMMANDS.includes(command) || !values.email) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const app = await NestFactory.createApplicationContext(AdminCliModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  try {
    const accounts = app.get(AdminAccounts);
    const { outcome, id } =
      command === 'revoke'
        ? await accounts.revoke({ email: values.email, operator: operatorName() })
        : await accounts.createOrPromote({
            email: values.email,
            name: values.name ?? 'Administrateur',
            password: readPassword,
            operator: operatorName(),
          });
    console.log(`admin ${values.email} (${id}): ${outcome}`);
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`admin-cli: ${error.message}`);
    process.exit(1);
  },
);
