import { defineConfig, devices } from '@playwright/test';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '../..');
const resultsDir = join(workspaceRoot, 'test-results');
const apiPort = process.env.E2E_API_PORT ?? '3100';
const webPort = process.env.E2E_WEB_PORT ?? '4300';
const webOrigin = `http://127.0.0.1:${webPort}`;

/**
 * Browser tests in Debian's Chromium (no browser download here) against the built API and web
 * app, served by src/support/serve.mjs. `nx e2e web-e2e` builds both first.
 */
export default defineConfig({
  testDir: './src',
  outputDir: join(resultsDir, 'web-e2e'),
  fullyParallel: false,
  // Two browser contexts per test on a two-core machine: one test at a time stays reliable.
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: join(resultsDir, 'playwright.json') }]],
  use: {
    baseURL: webOrigin,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    // The production build registers Angular's service worker, whose requests page.route() cannot see.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'node apps/web-e2e/src/support/serve.mjs',
    cwd: workspaceRoot,
    env: { E2E_API_PORT: apiPort, E2E_WEB_PORT: webPort },
    url: `${webOrigin}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
