import { expect, test } from '@playwright/test';
import { expectNoAxeViolation } from './support/axe';
import { garageOf, logIn, register, screenshot, sendByApi } from './support/users';

test.describe("a garage's responsiveness", () => {
  test('the client sees how fast a garage answers once it answered a request; its garagiste sees it on the dashboard', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage des Tilleuls'));
    const client = await register(request, 'client', 'Camille Durand');

    const customer = await logIn(browser, baseURL, client);
    await customer.page.goto(`/app/garage/${garagiste.user.garageId}`);
    await expect(customer.page.getByRole('heading', { name: 'Garage des Tilleuls' })).toBeVisible();
    await expect(customer.page.getByText('Pas encore assez de demandes pour mesurer sa réactivité')).toBeVisible();

    await sendByApi(request, client, garagiste, 'Bonjour, vous faites la distribution sur une Clio de 2012 ?');
    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.goto(`/garage/messages?user=${client.user.id}`);
    await garage.page.getByLabel('Votre message').fill('Bonjour, oui : comptez une journée.');
    await garage.page.getByLabel('Votre message').press('Enter');
    await expect(garage.page.getByRole('log').locator('li.message[data-status="sent"]')).toHaveCount(1);

    // The API writes its counts every RESPONSIVENESS_FLUSH_MS (200 ms here): the page shows them once written.
    const lines = customer.page.locator('.responsiveness li');
    await expect(async () => {
      await customer.page.reload();
      await expect(lines).toHaveText(
        ['Répond généralement en moins de 5 minutes', 'Répond à 100 % des demandes en moins de 24 h'],
        { timeout: 1_000 },
      );
    }).toPass({ timeout: 10_000 });
    await expect(customer.page.getByText('Pas encore assez de demandes')).toHaveCount(0);
    await screenshot(customer.page, 'garage-responsiveness');
    await expectNoAxeViolation(customer.page);

    await garage.page.goto('/garage');
    const card = garage.page.getByRole('region', { name: 'Réactivité' });
    await expect(card).toContainText('Sur les 30 derniers jours');
    await expect(card.getByRole('definition').first()).toHaveText('moins de 5 minutes');
    await expect(card.getByRole('definition').nth(1)).toHaveText('100 %');
    await expect(card).toContainText('1 demande, 1 avec réponse');
    await screenshot(garage.page, 'dashboard-responsiveness');
    await expectNoAxeViolation(garage.page);

    expect(customer.problems).toEqual([]);
    expect(garage.problems).toEqual([]);
  });
});
