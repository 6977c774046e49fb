import { expect, test } from '@playwright/test';
import { book, bubble, garageOf, logIn, register } from './support/users';

test.describe('quick replies', () => {
  test('the garagiste answers with a quick reply in two keystrokes after /, filled from the thread', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
    const client = await register(request, 'client', 'Camille <b>Durand</b>');
    await book(request, client, garagiste, 'Distribution');

    const customer = await logIn(browser, baseURL, client);
    await customer.page.goto(`/app/messages?user=${garagiste.user.id}`);
    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.goto(`/garage/messages?user=${client.user.id}`);
    const composer = garage.page.getByLabel('Votre message');
    await expect(garage.page.getByRole('button', { name: '⚡ Réponses rapides' })).toBeVisible();

    await composer.press('/');
    const options = garage.page.getByRole('listbox', { name: 'Réponses rapides' }).getByRole('option');
    await expect(options).toHaveCount(5);
    await composer.press('r');
    await expect(options.first()).toContainText('Rendez-vous confirmé');
    await composer.press('Enter');

    const filled = new RegExp(
      "^C'est noté Camille <b>Durand</b> : nous vous attendons le \\S+ \\d+ \\S+ à \\d+ h pour Distribution\\. À bientôt chez Garage du Parc !$",
    );
    await expect(composer).toHaveValue(filled);
    await expect(options).toHaveCount(0);
    await composer.press('Enter');

    // Sent as it reads, the client's name as plain text, never as markup.
    const received = bubble(customer.page, "C'est noté Camille <b>Durand</b>");
    await expect(received).toHaveCount(1);
    await expect(received.locator('.content')).toHaveText(filled);
    await expect(received.locator('b')).toHaveCount(0);
    expect(garage.problems).toEqual([]);
    expect(customer.problems).toEqual([]);
  });
});
