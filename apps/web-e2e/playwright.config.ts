import { defineConfig, devices } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './src/support/chromium.mjs';

const workspaceRoot = join(__dirname, '../..');
const resultsDir = join(workspaceRoot, 'test-results');
const apiPort = process.env.E2E_API_PORT ?? '3100';
const webPort = process.env.E2E_WEB_PORT ?? '4300';
const webOrigin = `http://127.0.0.1:${webPort}`;

/**
 * The specs issue 19 names for both phones (chat, booking events, attachments, quick replies,
 * archive, and those that drive the settings page), run on the desktop, the Pixel 7 and the small phone.
 */
const ON_EVERY_PHONE = [
  'chat.spec.ts',
  'booking-events.spec.ts',
  'attachments.spec.ts',
  'quick-replies.spec.ts',
  'archive.spec.ts',
  'notifications.spec.ts',
  'privacy.spec.ts',
  'session-refresh.spec.ts',
  'blocks.spec.ts',
  'phone.spec.ts',
];
/**
 * The other specs of what people do on their phones, run on the desktop and the small phone only:
 * its 360 × 640 screen with touch is the narrower and shorter of the two phones, so the Pixel 7
 * (412 × 915, touch) would repeat what it checks at a cost of about 100 s of the suite.
 */
const ON_SMALL_PHONE = [
  'quotes.spec.ts',
  'bookings.spec.ts',
  'team.spec.ts',
  'links.spec.ts',
  'focus.spec.ts',
  'offline.spec.ts',
  'garage-contact.spec.ts',
  'garages.spec.ts',
  'older-messages.spec.ts',
  'garage-inbox.spec.ts',
  'vehicles.spec.ts',
  'internal-notes.spec.ts',
  'reminders.spec.ts',
  'assignment.spec.ts',
  'thread-actions.spec.ts',
  'moderation.spec.ts',
];
/** The installed app (installability, the share target): one phone is enough. */
const INSTALLED = ['installed.spec.ts'];
/** Specs about phones only (touch, the on-screen keyboard, the tab bar, the installed app). */
const PHONE_ONLY = ['phone.spec.ts', ...INSTALLED];
/** Lighthouse brings its own browser and its own mobile emulation (tools/lighthouse/audit.mjs). */
const LIGHTHOUSE = ['lighthouse.spec.ts'];

/** A small phone of 360 × 640 CSS pixels, touch on (Chromium's mobile emulation). */
const SMALL_PHONE = {
  ...devices['Pixel 7'],
  viewport: { width: 360, height: 640 },
  screen: { width: 360, height: 640 },
  deviceScaleFactor: 2,
};

/**
 * Browser tests in Debian's Chromium (no browser download here) against the built API and web
 * app, served by src/support/serve.mjs. `nx e2e web-e2e` builds both first.
 */
export default defineConfig({
  testDir: './src',
  outputDir: join(resultsDir, 'web-e2e'),
  fullyParallel: false,
  // Two tests at a time on CI's two cores: a test spends much of its time waiting (the socket, a
  // token's expiry, a background job), and each registers its own users, so none sees another's data.
  workers: 2,
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
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: [...PHONE_ONLY, ...LIGHTHOUSE] },
    { name: 'pixel-7', use: { ...devices['Pixel 7'] }, testMatch: [...ON_EVERY_PHONE, ...INSTALLED] },
    { name: 'small-phone', use: SMALL_PHONE, testMatch: [...ON_EVERY_PHONE, ...ON_SMALL_PHONE] },
    { name: 'lighthouse', testMatch: LIGHTHOUSE },
  ],
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
