// Lighthouse (npm `lighthouse` 12) on pages of the web app, in Debian's Chromium driven through its
// remote debugging port, with Lighthouse's mobile emulation (a 412 × 823 phone). Every run is a first
// visit in a fresh browser profile; for a signed-in page the profile holds the session that the
// app's login would have stored, and Lighthouse keeps it. Used by the browser tests (accessibility
// and best practices, web-e2e's lighthouse.spec.ts) and by `npm run bench -- --only lighthouse`
// (performance).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { freePort } from '../../../../tools/scripts/free-port.cjs';

/**
 * @typedef {{ email: string, password: string }} Login
 * @typedef {{ name: string, path: string, login?: Login }} AuditedPage
 * @typedef {{ id: string, title: string, score: number | null }} FailedAudit
 * @typedef {{
 *   name: string,
 *   url: string,
 *   settings: { formFactor: string, throttlingMethod: string, throttling: object },
 *   benchmarkIndex: number,
 *   scores: Record<string, number>,
 *   runScores: number[],
 *   metrics: Record<string, number>,
 *   failed: Record<string, FailedAudit[]>,
 *   shifts: { score: number, element: string }[],
 *   longTasks: { url: string, startTime: number, duration: number }[],
 *   lcpElement: string,
 *   longestChain: { length: number, duration: number },
 *   network: { requests: number, transferBytes: number, scriptBytes: number },
 * }} PageAudit
 */

/** Where the web app keeps its session (apps/web/src/app/core/auth/session.ts). */
const SESSION_KEY = 'promoto.session';

/** The audits of a category that lost points, to say why a score is below its mark. */
function failedAudits(lhr, category) {
  return (lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => ({ id: audit.id, title: audit.title, score: audit.score }));
}

/**
 * Audits each page in the browser given (chromium.mjs): `categories` (Lighthouse's ids), with
 * `throttling` 'simulate' (Lighthouse's slow 4G and 4× CPU model: what performance is judged on)
 * or 'provided' (the page as it loads here: enough for accessibility and best practices). With
 * `runs` above 1 each page is audited that many times and the run of median performance kept.
 * With `reportDir`, every run's whole report (Lighthouse's JSON) is written there, to read its
 * opportunities, diagnostics and request chains afterwards.
 *
 * @param {AuditedPage[]} pages
 * @param {{
 *   baseURL: string,
 *   browser: { executablePath: string, args: string[] },
 *   categories: string[],
 *   throttling: 'simulate' | 'provided',
 *   runs?: number,
 *   reportDir?: string,
 * }} options
 * @returns {Promise<PageAudit[]>}
 */
export async function auditPages(pages, options) {
  const { default: lighthouse } = await import('lighthouse');
  const results = [];
  for (const page of pages) {
    const url = new URL(page.path, options.baseURL).toString();
    const runs = [];
    for (let run = 0; run < (options.runs ?? 1); run++) {
      // Each run in a fresh profile: a first visit, nothing cached, no service worker yet.
      const profile = mkdtempSync(join(tmpdir(), 'promoto-lighthouse-'));
      const port = await freePort();
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: options.browser.executablePath,
        args: [...options.browser.args, `--remote-debugging-port=${port}`],
        baseURL: options.baseURL,
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      try {
        if (page.login) await signIn(context, options.baseURL, page.login);
        const result = await lighthouse(url, {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: options.categories,
          throttlingMethod: options.throttling,
          // Keeps the session signIn stored.
          disableStorageReset: true,
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        if (result.lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${result.lhr.runtimeError.message}`);
        runs.push(result.lhr);
        if (options.reportDir) {
          mkdirSync(options.reportDir, { recursive: true });
          const file = `${page.name.replace(/\W+/g, '-')}-${run + 1}.json`;
          writeFileSync(join(options.reportDir, file), JSON.stringify(result.lhr));
        }
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
    const performance = (lhr) => lhr.categories.performance?.score ?? 0;
    const lhr = [...runs].sort((a, b) => performance(a) - performance(b))[Math.floor(runs.length / 2)];
    results.push({
      name: page.name,
      url,
      settings: {
        formFactor: lhr.configSettings.formFactor,
        throttlingMethod: lhr.configSettings.throttlingMethod,
        throttling: lhr.configSettings.throttling,
      },
      // Lighthouse's measure of this machine's speed during the run (a busy machine scores low).
      benchmarkIndex: lhr.environment.benchmarkIndex,
      // Every run's performance, in the order they ran: how far apart the runs the median was taken from are.
      runScores: runs.map((run) => Math.round(performance(run) * 100)),
      scores: Object.fromEntries(
        options.categories.map((category) => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)]),
      ),
      metrics: Object.fromEntries(
        [
          'first-contentful-paint',
          'largest-contentful-paint',
          'total-blocking-time',
          'cumulative-layout-shift',
          'speed-index',
        ]
          .filter((id) => lhr.audits[id]?.numericValue !== undefined)
          .map((id) => [id, lhr.audits[id].numericValue]),
      ),
      failed: Object.fromEntries(options.categories.map((category) => [category, failedAudits(lhr, category)])),
      // What moved the layout and what held the main thread, to say why performance is short.
      shifts: (lhr.audits['layout-shifts']?.details?.items ?? []).map((item) => ({
        score: item.score,
        element: item.node?.selector ?? item.node?.snippet ?? '',
      })),
      longTasks: (lhr.audits['long-tasks']?.details?.items ?? []).slice(0, 5).map((item) => ({
        url: item.url,
        startTime: item.startTime,
        duration: item.duration,
      })),
      lcpElement: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? '',
      longestChain: {
        length: lhr.audits['critical-request-chains']?.details?.longestChain?.length ?? 0,
        duration: lhr.audits['critical-request-chains']?.details?.longestChain?.duration ?? 0,
      },
      // What the page fetched: the same on a busy machine as on a quiet one.
      network: networkTotals(lhr),
    });
  }
  return results;
}

/** Requests and bytes transferred during the audited load (all of them, and the scripts'). */
function networkTotals(lhr) {
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const bytes = (items) => items.reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
  return {
    requests: requests.length,
    transferBytes: bytes(requests),
    scriptBytes: bytes(requests.filter((item) => item.resourceType === 'Script')),
  };
}

/**
 * Signs in as the web app does after its login form (POST /api/auth/login, the answer kept in
 * localStorage under Session's key), on a page of the origin that loads none of the app, so that
 * the audited visit is still a first one.
 */
async function signIn(context, baseURL, { email, password }) {
  const response = await fetch(new URL('/api/auth/login', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login of ${email} answered ${response.status}`);
  const { accessToken, refreshToken, user } = await response.json();
  const page = await context.newPage();
  await page.goto('/api/health');
  await page.evaluate(
    ([key, value]) => localStorage.setItem(key, value),
    [SESSION_KEY, JSON.stringify({ accessToken, refreshToken, user })],
  );
  await page.close();
}
