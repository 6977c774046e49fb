// `npm start`: the embedded database, Mailpit (e-mails on 8025), the API on 3000 and the web app
// on 4200, until Ctrl-C.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_DB, startFerretdb } from '../db/ferretdb.mjs';
import { DEV_MAIL, startMailpit } from '../mailpit/mailpit.mjs';
import { loadDevEnv, root, startProcess, waitForHttp } from './processes.mjs';

const demo = JSON.parse(readFileSync(join(root, 'apps/api/src/seed/demo-accounts.json'), 'utf8'));
const demoLogins = [
  ...demo.clients.map((account) => `${account.email}  (client, ${account.name})`),
  ...demo.garagistes.map((account) => `${account.email}  (garagiste, ${account.garage.name})`),
];

loadDevEnv();
process.env.SEED_DEMO_DATA ??= 'true';

let database;
if (process.env.MONGODB_URI) {
  console.log('[start] MONGODB_URI is set: using that server, no embedded database');
} else {
  database = await startFerretdb(DEV_DB);
  process.env.MONGODB_URI = `${database.uri}promoto`;
  console.log(`[start] embedded FerretDB on ${database.uri} (data kept in ${DEV_DB.dataDir})`);
}

let mail;
if (process.env.SMTP_URL) {
  console.log('[start] SMTP_URL is set: sending e-mails there, no Mailpit');
} else {
  try {
    mail = await startMailpit(DEV_MAIL);
  } catch (error) {
    await database?.stop();
    throw error;
  }
  process.env.SMTP_URL = mail.smtpUrl;
  console.log(`[start] Mailpit catches the e-mails: ${mail.apiUrl}`);
}

const servers = startProcess('npx', [
  'nx',
  'run-many',
  '-t',
  'serve',
  '-p',
  'api',
  'web',
  '--parallel=2',
  '--outputStyle=stream',
]);

let stopping = false;
async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping…');
  await servers.stop();
  await Promise.all([database?.stop(), mail?.stop()]);
  process.exit(exitCode);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
servers.exited.then(({ code }) => stopAll(code ?? 1));

const alive = () => !stopping;
const apiUrl = `http://localhost:${process.env.PORT}/api`;
await Promise.all([
  waitForHttp(`${apiUrl}/health`, 300_000, alive),
  waitForHttp('http://localhost:4200/', 300_000, alive),
]);
console.log(`
  Promoto Messages is running (Ctrl-C stops everything; the data stays on disk)
    web app      http://localhost:4200
    API          ${apiUrl}   (health: ${apiUrl}/health, docs: ${apiUrl}/docs)
    database     ${process.env.MONGODB_URI}
    e-mails      ${mail ? `${mail.apiUrl}   (Mailpit, SMTP ${mail.smtpUrl})` : process.env.SMTP_URL}

  Demo logins (password "${demo.password}"):
${demoLogins.map((login) => `    ${login}`).join('\n')}
`);
