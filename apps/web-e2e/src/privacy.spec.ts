import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectNoAxeViolation } from './support/axe';
import { garageOf, logIn, register, sendByApi } from './support/users';

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
        await expect(section.getByRole('button', { name: 'Demander une nouvelle copie' })).toBeVisible();

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
});
