import { expect, test, type Page } from '@playwright/test';
import { createAdmin } from './support/admins';
import { expectNoAxeViolation } from './support/axe';
import { bubble, garageOf, logIn, onTouchScreen, register, screenshot, sendByApi, unique } from './support/users';

const SUSPENDED =
  'Votre compte a été suspendu par l’équipe de modération de Promoto : vous ne pouvez plus vous connecter pour le moment.';

/** The admin's header is one row, « Se déconnecter » beside the brand, its targets 44 px high. */
async function expectCompactHeader(page: Page): Promise<void> {
  const header = await page.locator('.app-header').boundingBox();
  const brand = await page.locator('.app-header .brand').boundingBox();
  const logout = await page.getByRole('button', { name: 'Se déconnecter' }).boundingBox();
  if (!header || !brand || !logout) throw new Error('the admin header is not shown');
  expect(logout.height).toBeGreaterThanOrEqual(44);
  expect(brand.height).toBeGreaterThanOrEqual(44);
  expect(Math.abs(logout.y - brand.y)).toBeLessThanOrEqual(2);
  expect(logout.x).toBeGreaterThan(brand.x + brand.width - 1);
  expect(logout.x + logout.width).toBeLessThanOrEqual(header.x + header.width);
  // One row: two would take twice the 44 px of a target.
  expect(header.height).toBeLessThan(88);
  // Whole, not cut short, down to 360 px.
  expect(await page.locator('.app-header .brand').evaluate((brand) => brand.scrollWidth <= brand.clientWidth)).toBe(
    true,
  );
}

/** Nothing wider than the screen. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.window);
}

test.describe('moderation', () => {
  test('a client reports a message, the admin reads it at /admin, opens the thread and suspends the garagiste, whose open page goes to the login', async ({
    browser,
    baseURL,
    request,
  }) => {
    test.setTimeout(120_000);
    // The browser tests' database keeps earlier runs' reports: this garage's name is this run's own.
    const garageName = unique('Garage Brutal');
    const garagiste = await register(request, 'garagiste', 'Marc Brusque', garageOf(garageName));
    const client = await register(request, 'client', 'Camille Signale');
    await sendByApi(request, client, garagiste, 'Bonjour, où en est ma voiture ?');
    await sendByApi(request, garagiste, client, 'Arrêtez de me déranger, espèce d’idiote');
    const admin = await createAdmin(request, 'Alice Modère');
    const garage = await logIn(browser, baseURL, garagiste);
    const customer = await logIn(browser, baseURL, client);
    const moderator = await browser.newContext({ baseURL });
    try {
      // The client reports: the message itself with a mouse, the conversation on a phone.
      await customer.page.goto(`/app/messages?user=${garagiste.user.id}`);
      const rude = bubble(customer.page, 'Arrêtez de me déranger');
      await expect(rude).toHaveCount(1);
      const title = onTouchScreen() ? 'Signaler cette conversation' : 'Signaler ce message';
      if (onTouchScreen()) {
        await customer.page.getByRole('button', { name: 'Plus d’actions' }).tap();
        await customer.page.getByRole('button', { name: `Signaler la conversation avec ${garageName}` }).tap();
      } else {
        await rude.getByRole('button', { name: 'Signaler ce message' }).click();
      }
      const form = customer.page.getByRole('form', { name: title });
      await form.getByLabel('Harcèlement ou insultes').check();
      await form.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await expect(customer.page.getByRole('status').filter({ hasText: 'signalement a bien été reçu' })).toBeVisible();

      // The garagiste's page is open on the thread.
      await garage.page.goto(`/garage/messages?user=${client.user.id}`);
      await expect(garage.page.locator('#chat-title')).toHaveText('Camille Signale');

      // The admin logs in and is sent to /admin, where the report is listed.
      const page = await moderator.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto('/login');
      await page.getByLabel('Adresse e-mail').fill(admin.email);
      await page.getByLabel('Mot de passe').fill(admin.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(/\/admin$/);
      await expect(page.getByRole('heading', { name: 'Signalements' })).toBeVisible();
      const card = page.locator('[data-report]').filter({ hasText: garageName });
      await expect(card).toHaveCount(1);
      await expect(card.getByText('Harcèlement ou insultes')).toBeVisible();
      await expect(card.getByText('À traiter')).toBeVisible();
      await expectCompactHeader(page);
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'admin-reports');
      await expectNoAxeViolation(page);

      // The thread, read-only.
      await card.getByRole('link', { name: 'Lire la conversation' }).click();
      await page.waitForURL(/\/admin\/reports\/[0-9a-f]{24}$/);
      const thread = page.getByRole('region', { name: 'Conversation signalée' });
      await expect(thread.getByText('Arrêtez de me déranger, espèce d’idiote')).toBeVisible();
      await expect(thread.getByText('Bonjour, où en est ma voiture ?')).toBeVisible();
      await expect(page.getByLabel('Votre message')).toHaveCount(0);

      // « Suspendre le compte », confirmed with a reason.
      const accounts = page.getByRole('region', { name: 'Comptes de la conversation' });
      await accounts.getByRole('button', { name: 'Suspendre le compte de Marc Brusque' }).click();
      await expect(accounts.getByText(/^Suspendre le compte de Marc Brusque \?/)).toBeVisible();
      await accounts.getByLabel('Motif de la suspension').fill('Insultes envers une cliente');
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'admin-suspend');
      await accounts.getByRole('button', { name: 'Oui, suspendre' }).click();
      await expect(accounts.getByRole('status')).toHaveText('Le compte de Marc Brusque est suspendu.');
      await expect(accounts.getByText(/Suspendu depuis le .* : Insultes envers une cliente/)).toBeVisible();

      // The garagiste's open page is sent to the login, saying why.
      await expect(garage.page).toHaveURL(/\/login/, { timeout: 20_000 });
      await expect(garage.page.getByRole('status')).toHaveText(SUSPENDED);

      await page.getByRole('button', { name: 'Marquer comme traité' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Ce signalement est traité.' })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'admin-thread');
      await expectNoAxeViolation(page);
      expect(problems).toEqual([]);
      expect(customer.problems).toEqual([]);
    } finally {
      await moderator.close();
      await customer.context.close();
      await garage.context.close();
    }
  });
});
