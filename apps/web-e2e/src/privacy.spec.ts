import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createAdmin } from './support/admins';
import { expectNoAxeViolation } from './support/axe';
import { garageOf, logIn, register, screenshot, sendByApi } from './support/users';

/** Nothing wider than the screen, at 360 px as on a computer. */
async function expectNothingSideways(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.window);
}

/** The space between two elements' boxes, side by side or one above the other (negative when they overlap). */
async function gapBetween(first: Locator, second: Locator): Promise<number> {
  const [a, b] = [await first.boundingBox(), await second.boundingBox()];
  if (!a || !b) throw new Error('Both elements must be on the page.');
  return Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width), b.y - (a.y + a.height), a.y - (b.y + b.height));
}

test.describe('privacy: « Mes données », deleting one’s account, « Données personnelles »', () => {
  test('a copy of one’s data is asked for, prepared in the background and downloaded as a zip', async ({
    browser,
    baseURL,
    request,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc', garageOf('Garage des Données'));
    const client = await register(request, 'client', 'Camille');
    await sendByApi(request, client, garagiste, 'Bonjour, pouvez-vous regarder mes freins ?');
    for (const account of [client, garagiste]) {
      const { context, page, problems } = await logIn(browser, baseURL, account);
      try {
        await page.goto(account.user.role === 'client' ? '/app/settings' : '/garage/settings');
        const section = page.getByRole('region', { name: 'Mes données' });
        await expect(section).toBeVisible();
        await section.getByRole('button', { name: 'Demander une copie de mes données' }).click();
        // Prepared in the background: the page finds out by itself, without a reload.
        const link = section.getByRole('link', { name: /Télécharger mes données \(ZIP, [\d,]+ Mo\)/ });
        await expect(link).toBeVisible({ timeout: 30_000 });
        await expect(section.getByRole('status')).toContainText('Votre copie est prête.');
        const again = section.getByRole('button', { name: 'Demander une nouvelle copie' });
        await expect(again).toBeVisible();
        // Side by side or one above the other, the two never touch.
        expect(await gapBetween(link, again)).toBeGreaterThanOrEqual(4);

        const downloading = page.waitForEvent('download');
        await link.click();
        const download = await downloading;
        expect(download.suggestedFilename()).toBe('promoto-mes-donnees.zip');
        const zip = await readFile(await download.path());
        // A zip (its local file header), whose directory names the files of the documented layout.
        expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
        for (const name of ['export.json', 'profile.json', 'bookings.json', 'notifications.json', 'conversations/']) {
          expect(zip.includes(name)).toBe(true);
        }

        // Nothing wider than the screen, at 360 px as on a computer.
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          window: window.innerWidth,
        }));
        expect(widths.page).toBeLessThanOrEqual(widths.window);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  test('an account deleted from its settings ends its session, and the other person’s thread shows « Compte supprimé » at once', async ({
    browser,
    baseURL,
    request,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc', garageOf('Garage du Départ'));
    const client = await register(request, 'client', 'Camille Départ');
    await sendByApi(request, client, garagiste, 'Je déménage, merci pour tout');
    const garage = await logIn(browser, baseURL, garagiste);
    const customer = await logIn(browser, baseURL, client);
    try {
      await garage.page.goto(`/garage/messages?user=${client.user.id}`);
      const title = garage.page.locator('#chat-title');
      await expect(title).toHaveText('Camille Départ');

      await customer.page.goto('/app/settings');
      const section = customer.page.getByRole('region', { name: 'Supprimer mon compte' });
      await section.getByLabel('Votre mot de passe, pour confirmer').fill('pas-le-bon');
      await section.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
      await expect(section.getByRole('alert')).toHaveText(
        'Ce mot de passe n’est pas celui de votre compte : il n’a pas été supprimé.',
      );
      await section.getByLabel('Votre mot de passe, pour confirmer').fill(client.password);
      await section.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
      await expect(customer.page).toHaveURL(/\/login$/);
      await expect(customer.page.getByText('Votre compte a été supprimé.')).toBeVisible();

      // Live, without a reload: the thread and the list show the account as deleted, its message kept.
      const thread = garage.page.getByRole('log', { name: 'Messages avec Compte supprimé' });
      await expect(title).toHaveText('Compte supprimé');
      await expect(thread.getByText('Je déménage, merci pour tout')).toBeVisible();
      await garage.page.reload();
      await expect(garage.page.locator('#chat-title')).toHaveText('Compte supprimé');
      await expect(thread.getByText('Je déménage, merci pour tout')).toBeVisible();
      expect(garage.problems).toEqual([]);
    } finally {
      await garage.context.close();
      await customer.context.close();
    }
  });

  test('« Données personnelles » says what is kept, why and for how long, to a visitor and from the settings', async ({
    browser,
    baseURL,
    request,
  }) => {
    const visitor = await browser.newContext({ baseURL });
    try {
      const page = await visitor.newPage();
      await page.goto('/donnees-personnelles');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Données personnelles');
      await expect(page).toHaveTitle('Données personnelles · Promoto');
      for (const title of ['Votre compte', 'Vos conversations, photos et documents', 'Vos rendez-vous']) {
        const section = page.getByRole('region', { name: title });
        await expect(section.getByText('Combien de temps')).toBeVisible();
      }
      await expect(page.getByRole('link', { name: 'Voir mes paramètres' })).toHaveCount(0);
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        window: window.innerWidth,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.window);
      await expectNoAxeViolation(page);
    } finally {
      await visitor.close();
    }

    const client = await register(request, 'client', 'Camille Curieuse');
    const { context, page, problems } = await logIn(browser, baseURL, client);
    try {
      await page.goto('/app/settings');
      await page.getByRole('link', { name: 'Ce que Promoto conserve sur vous' }).click();
      await expect(page).toHaveURL(/\/donnees-personnelles$/);
      await page.getByRole('link', { name: 'Voir mes paramètres' }).click();
      await expect(page).toHaveURL(/\/app\/settings$/);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a suspended account still gets a copy of its data and deletes its account, from the login page', async ({
    browser,
    baseURL,
    request,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc', garageOf('Garage de la Modération'));
    const client = await register(request, 'client', 'Camille Suspendue');
    await sendByApi(request, client, garagiste, 'Bonjour, mes freins grincent');
    const admin = await createAdmin(request, 'Modératrice');
    const suspension = await request.post(`/api/admin/accounts/${client.user.id}/suspension`, {
      headers: { Authorization: `Bearer ${admin.token}` },
      data: { reason: 'Insultes répétées' },
    });
    expect(suspension.status(), await suspension.text()).toBe(200);

    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await page.goto('/login');
      await page.getByLabel('Adresse e-mail').fill(client.email);
      await page.getByLabel('Mot de passe').fill(client.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect(page.getByRole('alert')).toContainText('Votre compte a été suspendu');
      await expect(page.getByRole('link', { name: 'Supprimer mon compte' })).toBeVisible();
      await expectNothingSideways(page);
      await screenshot(page, 'login-suspended');

      await page.getByRole('link', { name: 'Obtenir une copie de mes données' }).click();
      await expect(page).toHaveURL(/\/compte-suspendu#mes-donnees$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compte suspendu');
      await page.getByLabel('Adresse e-mail').fill(client.email);
      await page.getByLabel('Mot de passe').fill(client.password);
      await page.getByRole('button', { name: 'Continuer' }).click();

      const section = page.getByRole('region', { name: 'Mes données' });
      await section.getByRole('button', { name: 'Demander une copie de mes données' }).click();
      const link = section.getByRole('link', { name: /Télécharger mes données \(ZIP, [\d,]+ Mo\)/ });
      await expect(link).toBeVisible({ timeout: 30_000 });
      const downloading = page.waitForEvent('download');
      await link.click();
      const zip = await readFile(await (await downloading).path());
      expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
      expect(zip.includes('conversations/')).toBe(true);
      await expectNothingSideways(page);
      await screenshot(page, 'suspended-account');
      await expectNoAxeViolation(page);

      const deletion = page.getByRole('region', { name: 'Supprimer mon compte' });
      await deletion.getByLabel('Votre mot de passe, pour confirmer').fill(client.password);
      await deletion.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByText('Votre compte a été supprimé.')).toBeVisible();
      const gone = await request.post('/api/auth/login', { data: { email: client.email, password: client.password } });
      expect(gone.status()).toBe(401);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
