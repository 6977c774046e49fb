import { expect, test } from '@playwright/test';
import { book, bubble, garageOf, logIn, register, send } from './support/users';

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
    await expect(garage.page.getByRole('button', { name: 'Réponses rapides' })).toBeVisible();

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
    await send(garage.page);

    // Sent as it reads, the client's name as plain text, never as markup.
    const received = bubble(customer.page, "C'est noté Camille <b>Durand</b>");
    await expect(received).toHaveCount(1);
    await expect(received.locator('.content')).toHaveText(filled);
    await expect(received.locator('b')).toHaveCount(0);
    expect(garage.problems).toEqual([]);
    expect(customer.problems).toEqual([]);
  });

  test('the garagiste adds a reply on the quick replies page, moves it first, and finds it in the composer', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Sophie Garnier', garageOf('Atelier Garnier'));
    const client = await register(request, 'client', 'Julien Roux');
    await book(request, client, garagiste, 'Vidange');
    const { page, problems } = await logIn(browser, baseURL, garagiste);

    await page.getByRole('link', { name: '⚡ Réponses rapides' }).click();
    await expect(page).toHaveURL('/garage/quick-replies');
    const titles = page.locator('.reply h3');
    await expect(titles).toHaveCount(5);
    await page.getByLabel('Titre').fill('Horaires');
    await page.getByLabel('Texte').fill('{garage} est ouvert de 8 h à 18 h.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(titles).toHaveCount(6);
    for (let step = 0; step < 5; step++) await page.getByRole('button', { name: 'Monter « Horaires »' }).click();
    await expect(titles.first()).toHaveText('Horaires');

    await page.goto(`/garage/messages?user=${client.user.id}`);
    const composer = page.getByLabel('Votre message');
    await page.getByRole('button', { name: 'Réponses rapides' }).click();
    const options = page.getByRole('listbox', { name: 'Réponses rapides' }).getByRole('option');
    await expect(options.first()).toContainText('Horaires');
    await composer.press('Enter');
    await expect(composer).toHaveValue('Atelier Garnier est ouvert de 8 h à 18 h.');
    expect(problems).toEqual([]);
  });

  test('« Modifier » brings the form with the reply on screen; « Supprimer » asks first, and « Garder » keeps it', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Sophie Garnier', garageOf('Atelier Garnier'));
    const { page, problems } = await logIn(browser, baseURL, garagiste);
    await page.goto('/garage/quick-replies');
    const replies = page.locator('.reply');
    await expect(replies).toHaveCount(5);
    const first = replies.first();
    const title = (await first.locator('h3').textContent())?.trim() ?? '';
    const last = replies.last();
    const lastTitle = (await last.locator('h3').textContent())?.trim() ?? '';

    await last.getByRole('button', { name: `Modifier « ${lastTitle} »` }).click();
    await expect(page.getByRole('heading', { name: 'Modifier la réponse' })).toBeInViewport();
    await expect(page.getByLabel('Titre')).toBeFocused();
    await expect(page.getByLabel('Titre')).toHaveValue(lastTitle);
    await expect(page.getByLabel('Titre')).toBeInViewport();
    await page.getByRole('button', { name: 'Annuler' }).click();

    await first.getByRole('button', { name: `Supprimer « ${title} »` }).click();
    const confirm = first.getByRole('group', { name: `Supprimer la réponse « ${title} » ?` });
    await expect(confirm.getByRole('button', { name: 'Oui, supprimer' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Garder' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(replies).toHaveCount(5);
    await expect(first.getByRole('button', { name: `Supprimer « ${title} »` })).toBeFocused();

    await first.getByRole('button', { name: `Supprimer « ${title} »` }).click();
    await first.getByRole('button', { name: 'Oui, supprimer' }).click();
    await expect(replies).toHaveCount(4);
    await expect(page.locator('.reply h3').getByText(title, { exact: true })).toHaveCount(0);
    await page.reload();
    await expect(replies).toHaveCount(4);
    expect(problems).toEqual([]);
  });
});
