// Issue 19's phone figures: Lighthouse (mobile emulation, simulated slow 4G and 4× CPU throttling)
// on the login page, a client's thread and a garagiste's dashboard, against the production web
// build behind the same static and proxy server as the browser tests (apps/web-e2e/src/support/serve.mjs).
import type { AuthResponse, FreeSlotsView } from '@promoto/shared-dto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../apps/web-e2e/src/support/chromium.mjs';
import { auditPages, type PageAudit } from '../../../apps/web-e2e/src/support/lighthouse.mjs';
import { root, run, startProcess, waitForHttp } from '../../scripts/processes.mjs';
import type { Options } from './options.mjs';
import { fmt, judge, type Report } from './report.mjs';
import { freePorts } from '../../scripts/free-port.cjs';
import { type Database } from './system.mjs';

const PERFORMANCE_TARGET = 90;
const ACCESSIBILITY_TARGET = 100;
const BEST_PRACTICES_TARGET = 95;
const WEB_INDEX = join(root, 'dist/apps/web/browser/index.html');
const PASSWORD = 'bench-password-1';

/** Builds the web app in production mode unless told not to; --smoke reuses an existing build. */
async function buildWeb(build: boolean | undefined, smoke: boolean): Promise<void> {
  if (!(build ?? !(smoke && existsSync(WEB_INDEX)))) {
    if (!existsSync(WEB_INDEX)) throw new Error(`--no-build, but ${WEB_INDEX} does not exist: build the web app first`);
    console.log('[bench] reusing dist/apps/web (pass --build to rebuild)');
    return;
  }
  const code = await run('npx', ['nx', 'build', 'web', '--outputStyle=stream']);
  if (code !== 0) throw new Error(`npx nx build web exited with ${code}`);
}

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A garagiste and a client with a booking and a few messages, for the pages to show what people see. */
async function seed(origin: string) {
  const stamp = `${Date.now().toString(36)}-${process.pid}`;
  const register = (role: 'client' | 'garagiste', name: string) =>
    post<AuthResponse>(`${origin}/api/auth/register`, {
      email: `${role}-${stamp}@bench.test`,
      password: PASSWORD,
      name,
      role,
      ...(role === 'garagiste' ? { garage: { name: 'Garage du Banc', city: 'Lyon', address: '1 rue du Test' } } : {}),
    });
  const garagiste = await register('garagiste', 'Marc Lefèvre');
  const client = await register('client', 'Camille Durand');
  // Bookings start at one of the garage's free slots (its opening hours).
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const slots = await fetch(`${origin}/api/garages/${garagiste.user.garageId}/slots?from=${tomorrow}&days=7`, {
    headers: { authorization: `Bearer ${client.accessToken}` },
  });
  if (slots.status !== 200) throw new Error(`GET slots answered ${slots.status}: ${await slots.text()}`);
  const [scheduledAt] = ((await slots.json()) as FreeSlotsView).slots;
  await post(
    `${origin}/api/appointments`,
    { garageId: garagiste.user.garageId, scheduledAt, service: 'Distribution' },
    client.accessToken,
  );
  const lines: [AuthResponse, AuthResponse, string][] = [
    [client, garagiste, 'Bonjour, ma Clio fait un bruit au freinage depuis hier.'],
    [garagiste, client, 'Bonjour, passez demain matin, nous regarderons les plaquettes.'],
    [client, garagiste, 'Parfait, à demain 9 h.'],
  ];
  for (const [from, to, content] of lines) {
    await post(`${origin}/api/messages`, { recipientId: to.user.id, content }, from.accessToken);
  }
  return { garagiste, client };
}

function metricsText(audit: PageAudit): string {
  const seconds = (id: string) => fmt.seconds((audit.metrics[id] ?? NaN) / 1000);
  return [
    `FCP ${seconds('first-contentful-paint')}`,
    `LCP ${seconds('largest-contentful-paint')}`,
    `TBT ${fmt.ms(audit.metrics['total-blocking-time'] ?? NaN)}`,
    `CLS ${(audit.metrics['cumulative-layout-shift'] ?? NaN).toFixed(3)}`,
    `${audit.network.requests} requests, ${fmt.kb(audit.network.transferBytes)} transferred (scripts ${fmt.kb(audit.network.scriptBytes)})`,
  ].join(', ');
}

/**
 * The web app as Lighthouse scores it on a phone: performance (median of the runs), accessibility
 * and best practices, page by page; every run's whole report goes to `reportDir`.
 */
export async function lighthouseStep(
  options: Options,
  database: Database,
  report: Report,
  reportDir: string,
): Promise<void> {
  await buildWeb(options.build, options.smoke);
  // serve.mjs listens on its API's port and the next, and on its site's and the next.
  const apiPort = await freePorts(4);
  const webPort = apiPort + 2;
  const origin = `http://127.0.0.1:${webPort}`;
  const server = startProcess('node', ['apps/web-e2e/src/support/serve.mjs'], {
    env: { ...process.env, MONGODB_URI: database.uri, E2E_API_PORT: String(apiPort), E2E_WEB_PORT: String(webPort) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHttp(`${origin}/api/health`, 120_000, () => server.child.exitCode === null);
    const { garagiste, client } = await seed(origin);
    // Five runs and their median, as Lighthouse's own guidance on variability advises.
    const runs = options.smoke ? 1 : 5;
    const audits = await auditPages(
      [
        { name: 'login page', path: '/login' },
        {
          name: "client's thread",
          path: `/app/messages?user=${garagiste.user.garageId}`,
          login: { email: client.user.email, password: PASSWORD },
        },
        {
          name: "garagiste's dashboard",
          path: '/garage',
          login: { email: garagiste.user.email, password: PASSWORD },
        },
      ],
      {
        baseURL: origin,
        browser: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
        categories: ['performance', 'accessibility', 'best-practices'],
        throttling: 'simulate',
        runs,
        reportDir,
      },
    );
    report.record('lighthouse', audits);
    for (const audit of audits) {
      const { performance, accessibility, 'best-practices': bestPractices } = audit.scores;
      report.add({
        step: 'lighthouse',
        name: `Lighthouse performance, ${audit.name} (phone, slow 4G, ${runs > 1 ? `median of ${runs}` : '1 run'})`,
        value: String(performance),
        target: `≥ ${PERFORMANCE_TARGET}`,
        status: judge(performance >= PERFORMANCE_TARGET),
        detail: `${metricsText(audit)}; runs ${audit.runScores.join(', ')}; ${audit.settings.formFactor}, ${audit.settings.throttlingMethod}, machine benchmark index ${Math.round(audit.benchmarkIndex)}`,
      });
      report.add({
        step: 'lighthouse',
        name: `Lighthouse accessibility / best practices, ${audit.name}`,
        value: `${accessibility} / ${bestPractices}`,
        target: `${ACCESSIBILITY_TARGET} / ≥ ${BEST_PRACTICES_TARGET}`,
        status: judge(accessibility >= ACCESSIBILITY_TARGET && bestPractices >= BEST_PRACTICES_TARGET),
        detail: [...audit.failed['accessibility'], ...audit.failed['best-practices']]
          .map((failed) => failed.id)
          .join(', '),
      });
    }
  } finally {
    await server.stop();
  }
}
