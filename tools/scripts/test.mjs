// `npm test`: every project's tests, then the browser tests, against one embedded database and
// one Mailpit, started once and always stopped.
// Ends with one line "N passed, N failed" summed from every runner's JSON report.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_DB, startFerretdb } from '../db/ferretdb.mjs';
import { TEST_MAIL, startMailpit } from '../mailpit/mailpit.mjs';
import { GO_TOOLS, ensureGoTool } from './go-tools.mjs';
import { checkPrerequisites } from './prerequisites.mjs';
import { loadDevEnv, root, run } from './processes.mjs';

checkPrerequisites();
loadDevEnv();
// Helm, promtool and chart-check for deploy/'s tests (built once, then reused while the pins hold).
for (const name of Object.keys(GO_TOOLS)) ensureGoTool(name);
process.env.NODE_ENV = 'test';
const resultsDir = join(root, 'test-results');
rmSync(resultsDir, { recursive: true, force: true });

let database;
if (process.env.MONGODB_URI) {
  console.log('[test] MONGODB_URI is set: testing against that server');
} else {
  database = await startFerretdb({ ...TEST_DB, fresh: true });
  process.env.MONGODB_URI = database.uri;
  console.log(`[test] embedded FerretDB on ${database.uri}`);
}

let mail;
if (process.env.SMTP_URL && process.env.MAILPIT_URL) {
  console.log('[test] SMTP_URL and MAILPIT_URL are set: testing against that Mailpit');
} else {
  try {
    mail = await startMailpit({ ...TEST_MAIL, fresh: true });
  } catch (error) {
    await database?.stop();
    throw error;
  }
  process.env.SMTP_URL = mail.smtpUrl;
  process.env.MAILPIT_URL = mail.apiUrl;
  console.log(`[test] Mailpit on ${mail.apiUrl} (SMTP ${mail.smtpUrl})`);
}

const exitCodes = [];
try {
  exitCodes.push(await run('npx', ['nx', 'run-many', '-t', 'lint', '--outputStyle=stream']));
  // The benchmark is not an Nx project (so not linted); CI runs it (smoke) with tsx, which does not type-check.
  exitCodes.push(await run('npx', ['tsc', '-p', 'tools/bench/tsconfig.json']));
  // Playwright strips the browser tests' types without checking them.
  exitCodes.push(await run('npx', ['tsc', '-p', 'apps/web-e2e/tsconfig.json']));
  exitCodes.push(
    await run('npx', [
      'nx',
      'run-many',
      '-t',
      'test',
      '--skip-nx-cache',
      '--parallel=1',
      '--outputStyle=stream',
      '--',
      '--ci',
    ]),
  );
  // Browser tests: builds web and api, serves them against this database, runs Playwright.
  exitCodes.push(await run('npx', ['nx', 'run', 'web-e2e:e2e', '--outputStyle=stream']));
  // Bad input: schemathesis against the built API's OpenAPI document (tools/schemathesis).
  exitCodes.push(await run('node', ['tools/schemathesis/run.mjs']));
} finally {
  await Promise.all([database?.stop(), mail?.stop()]);
}

function jestTotals() {
  const dir = join(resultsDir, 'jest');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')));
}

/** Playwright's JSON report: flaky tests passed on a retry, unexpected ones failed. */
function playwrightTotals() {
  const file = join(resultsDir, 'playwright.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const { stats } = report;
  return [{ passed: stats.expected + stats.flaky, failed: stats.unexpected, failures: playwrightFailures(report) }];
}

/** "file › title [project]" of every test whose final outcome was unexpected. */
function playwrightFailures(suite) {
  const own = (suite.specs ?? []).flatMap((spec) =>
    spec.tests
      .filter((test) => test.status === 'unexpected')
      .map((test) => `apps/web-e2e/src/${spec.file} › ${spec.title} [${test.projectName}]`),
  );
  return [...own, ...(suite.suites ?? []).flatMap(playwrightFailures)];
}

/** The schemathesis runner's own summary of its JUnit reports: one test per API operation and role. */
function schemathesisTotals() {
  const file = join(resultsDir, 'schemathesis.json');
  return existsSync(file) ? [JSON.parse(readFileSync(file, 'utf8'))] : [];
}

const totals = [...jestTotals(), ...playwrightTotals(), ...schemathesisTotals()].reduce(
  (sum, report) => ({
    passed: sum.passed + report.passed,
    failed: sum.failed + report.failed,
    failures: [...sum.failures, ...(report.failures ?? [])],
  }),
  { passed: 0, failed: 0, failures: [] },
);
for (const failure of totals.failures) console.log(`[test] failed: ${failure}`);
const runnerFailed = exitCodes.some((code) => code !== 0);
if (runnerFailed && totals.failed === 0)
  console.log('[test] a runner exited non-zero without reporting a failed test (see above)');
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(runnerFailed || totals.failed > 0 || totals.passed === 0 ? 1 : 0);
