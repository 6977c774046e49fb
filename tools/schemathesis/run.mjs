// The bad-input suite: schemathesis generates valid and invalid requests from /api/docs-json and
// fails on any 5xx or any answer the document does not describe, as a client, a garagiste and an admin.
// Runs the built API (dist/apps/api, built first) against MONGODB_URI in a database of its own.
// Writes one JUnit XML per role and test-results/schemathesis.json ({ passed, failed }) for npm test.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDevEnv, root, run, startProcess, waitForHttp } from '../scripts/processes.mjs';
import { freePort } from '../scripts/free-port.cjs';

/** Pinned: a newer schemathesis may generate other cases or change its report. */
const SCHEMATHESIS_VERSION = '4.32.5';
const VENV = join(root, '.data/schemathesis');
const BIN = join(VENV, 'bin/schemathesis');
const RESULTS = join(root, 'test-results/schemathesis');
/** Per role: the whole run stays within a few minutes on 2 cores. */
const MAX_SECONDS_PER_ROLE = Number(process.env.SCHEMATHESIS_MAX_TIME ?? 60);
const CHECKS = 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance';

function installedVersion() {
  if (!existsSync(BIN)) return null;
  return execFileSync(BIN, ['--version'], { encoding: 'utf8' }).trim().split(' ').pop();
}

/** Creates .data/schemathesis with the pinned version when it is missing or another version. */
async function ensureSchemathesis() {
  if (installedVersion() === SCHEMATHESIS_VERSION) return;
  console.log(`[schemathesis] installing schemathesis ${SCHEMATHESIS_VERSION} into .data/schemathesis`);
  if ((await run('python3', ['-m', 'venv', VENV])) !== 0) throw new Error('python3 -m venv failed');
  const pip = join(VENV, 'bin/pip');
  if ((await run(pip, ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`])) !== 0) {
    throw new Error('pip install schemathesis failed');
  }
}

async function post(base, path, body, token) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** An admin made by the operator command the image ships (never by sign-up), logged in. */
async function admin(base, tag, env) {
  const email = `st-admin-${tag}@example.test`;
  const password = 'moderation-attentive-du-garage';
  const code = await run('node', ['dist/apps/api/admin-cli.js', 'create', '--email', email], {
    env: { ...env, ADMIN_PASSWORD: password, LOG_LEVEL: 'warn' },
  });
  if (code !== 0) throw new Error('the admin command failed');
  return post(base, '/api/auth/login', { email, password });
}

/**
 * A client and a garagiste who know each other (a booking, a message and reports, so that reads
 * find data), and an admin.
 */
async function actors(base, env) {
  const tag = Date.now().toString(36);
  const password = 'courroie-vidange-lundi';
  const garagiste = await post(base, '/api/auth/register', {
    email: `st-garagiste-${tag}@example.test`,
    password,
    name: 'Garagiste Schemathesis',
    role: 'garagiste',
    garage: { name: 'Garage Schemathesis', city: 'Lyon', address: '1 rue des Tests' },
  });
  const client = await post(base, '/api/auth/register', {
    email: `st-client-${tag}@example.test`,
    password,
    name: 'Client Schemathesis',
    role: 'client',
  });
  // Bookings start at one of the garage's free slots (its opening hours), from tomorrow on.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const slots = await fetch(`${base}/api/garages/${garagiste.user.garageId}/slots?from=${tomorrow}&days=7`, {
    headers: { Authorization: `Bearer ${client.accessToken}` },
  });
  if (!slots.ok) throw new Error(`the garage's slots answered ${slots.status}: ${await slots.text()}`);
  const [scheduledAt] = (await slots.json()).slots;
  await post(
    base,
    '/api/appointments',
    { garageId: garagiste.user.garageId, scheduledAt, service: 'Vidange' },
    client.accessToken,
  );
  const message = await post(
    base,
    '/api/messages',
    { recipientId: garagiste.user.id, content: 'Bonjour' },
    client.accessToken,
  );
  await post(base, '/api/reports', { userId: client.user.id, reason: 'spam' }, garagiste.accessToken);
  await post(base, '/api/reports', { messageId: message.id, reason: 'spam' }, garagiste.accessToken);
  return { client, garagiste, admin: await admin(base, tag, env) };
}

/** Test cases and failures from a JUnit XML report (one testcase per API operation). */
function junitTotals(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const xml = readFileSync(file, 'utf8');
  const cases = xml.match(/<testcase\b[^>]*?(\/>|>[\s\S]*?<\/testcase>)/g) ?? [];
  const failed = cases.filter((testcase) => /<(failure|error)\b/.test(testcase)).length;
  const skipped = cases.filter((testcase) => /<skipped\b/.test(testcase)).length;
  return { passed: cases.length - failed - skipped, failed };
}

async function main() {
  loadDevEnv();
  if (!process.env.MONGODB_URI) throw new Error('MONGODB_URI is not set: run it through `npm test`');
  mkdirSync(RESULTS, { recursive: true });
  await ensureSchemathesis();
  if ((await run('npx', ['nx', 'build', 'api', '--outputStyle=stream'])) !== 0) throw new Error('nx build api failed');

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    MONGODB_DB: 'schemathesis',
    LOG_LEVEL: 'error',
    // The suite sends thousands of requests from one address as two users: limits would answer 429 to most.
    THROTTLE_AUTH_PER_MINUTE: '1000000',
    THROTTLE_REFRESH_PER_MINUTE: '1000000',
    THROTTLE_SEND_PER_10S: '1000000',
    THROTTLE_BOOKINGS_PER_HOUR: '1000000',
    THROTTLE_LOGIN_PER_ACCOUNT_PER_15MIN: '1000000',
  };
  const api = startProcess('node', ['dist/apps/api/main.js'], { env });
  const totals = { passed: 0, failed: 0 };
  try {
    await waitForHttp(`${base}/api/health/live`, 60_000, () => api.child.exitCode === null);
    const { client, garagiste, admin } = await actors(base, env);
    for (const [role, actor] of [
      ['client', client],
      ['garagiste', garagiste],
      ['admin', admin],
    ]) {
      const report = join(RESULTS, `${role}.xml`);
      console.log(`[schemathesis] as the ${role}, at most ${MAX_SECONDS_PER_ROLE} s`);
      // Its crash cache goes to the working directory: test-results, out of the repository.
      const code = await run(
        BIN,
        [
          'run',
          `${base}/api/docs-json`,
          '--url',
          base,
          '--header',
          `Authorization: Bearer ${actor.accessToken}`,
          // Logging out ends the session whose token every later request carries: the rest of the
          // run would answer 401 (the integration tests cover both logouts).
          '--exclude-path-regex',
          '^/api/auth/logout',
          '--checks',
          CHECKS,
          '--phases',
          'examples,coverage,fuzzing',
          '--max-time',
          String(MAX_SECONDS_PER_ROLE),
          // One worker: Python 3.11's ast.parse is not thread-safe, and hypothesis calls it while
          // generating ("AST constructor recursion depth mismatch" with two workers).
          '--workers',
          '1',
          '--seed',
          '20261128',
          '--generation-database',
          'none',
          '--suppress-health-check',
          'all',
          '--request-timeout',
          '10',
          '--no-color',
          '--report',
          'junit',
          '--report-junit-path',
          report,
        ],
        { cwd: RESULTS },
      );
      const { passed, failed: failedCases } = junitTotals(report);
      // A run that failed without a failing case (schema not loaded, crash) still fails.
      const failed = code !== 0 && failedCases === 0 ? 1 : failedCases;
      console.log(`[schemathesis] ${role}: ${passed} operations passed, ${failed} failed`);
      totals.passed += passed;
      totals.failed += failed;
    }
  } finally {
    await api.stop();
  }
  writeFileSync(join(root, 'test-results/schemathesis.json'), `${JSON.stringify(totals)}\n`);
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

await main();
