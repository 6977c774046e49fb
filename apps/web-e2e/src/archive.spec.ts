import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { garageOf, logIn, register, screenshot, send, sendByApi, showThreadActions } from './support/users';

/** The conversation list of the messages page, and the entry with that person (hidden on a phone while a thread is open). */
function entry(page: Page, name: string) {
  return page
    .locator('app-messaging-layout app-chat-list')
    .getByRole('link', { name: new RegExp(name), includeHidden: true });
}

/** A folder button of the list (hidden on a phone while a thread is open). */
function folder(page: Page, name: 'Boîte de réception' | 'Archivées') {
  return page
    .getByRole('group', { name: 'Dossier', includeHidden: true })
    .getByRole('button', { name, includeHidden: true });
}

test.describe('the garagiste marks a thread as done', () => {
  test('an archived thread leaves the inbox for « Archivées » and comes back by itself when the client writes', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
    const client = await register(request, 'client', 'Camille Durand');
    const other = await register(request, 'client', 'Julien Roux');
    await sendByApi(request, client, garagiste, 'Ma Clio est prête ?');
    await sendByApi(request, other, garagiste, 'Bonjour, vous faites les pneus ?');

    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.goto('/garage/messages');
    await expect(folder(garage.page, 'Boîte de réception')).toHaveAttribute('aria-pressed', 'true');
    await expect(entry(garage.page, 'Camille Durand')).toBeVisible();
    await expect(entry(garage.page, 'Julien Roux')).toBeVisible();
    await entry(garage.page, 'Camille Durand').click();
    await expect(garage.page.getByRole('heading', { name: 'Camille Durand' })).toBeVisible();
    const results = await new AxeBuilder({ page: garage.page }).analyze();
    expect(results.violations.map(({ id, nodes }) => ({ id, targets: nodes.map((node) => node.target) }))).toEqual([]);

    await showThreadActions(garage.page);
    await garage.page.getByRole('button', { name: 'Marquer comme traité' }).click();

    // Back to the inbox with nothing open; the thread is under « Archivées ».
    await expect(garage.page).toHaveURL('/garage/messages');
    await expect(
      garage.page.getByRole('status').filter({ hasText: 'Conversation marquée comme traitée' }),
    ).toBeVisible();
    await expect(entry(garage.page, 'Camille Durand')).toHaveCount(0);
    await expect(entry(garage.page, 'Julien Roux')).toBeVisible();
    await folder(garage.page, 'Archivées').click();
    await expect(folder(garage.page, 'Archivées')).toHaveAttribute('aria-pressed', 'true');
    await expect(entry(garage.page, 'Camille Durand')).toBeVisible();
    await expect(entry(garage.page, 'Julien Roux')).toHaveCount(0);
    await screenshot(garage.page, 'garage-messages-archived');
    await folder(garage.page, 'Boîte de réception').click();
    await expect(entry(garage.page, 'Julien Roux')).toBeVisible();
    await expect(entry(garage.page, 'Camille Durand')).toHaveCount(0);

    // The client writes: the thread is back in the inbox, on top, without a reload.
    const customer = await logIn(browser, baseURL, client);
    await customer.page.goto(`/app/messages?user=${garagiste.user.id}`);
    await expect(customer.page.getByRole('group', { name: 'Dossier' })).toHaveCount(0);
    await expect(customer.page.getByRole('button', { name: 'Marquer comme traité' })).toHaveCount(0);
    await customer.page.getByLabel('Votre message').fill('Je passe la chercher à 18 h.');
    await send(customer.page);

    const back = entry(garage.page, 'Camille Durand');
    await expect(back).toContainText('Je passe la chercher à 18 h.');
    await expect(garage.page.locator('app-messaging-layout app-chat-list a.conversation').first()).toContainText(
      'Camille Durand',
    );
    await folder(garage.page, 'Archivées').click();
    await expect(garage.page.getByText('Aucune conversation archivée')).toBeVisible();

    expect(garage.problems).toEqual([]);
    expect(customer.problems).toEqual([]);
  });

  test('the garagiste puts an archived thread back in the inbox from « Archivées »', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Sophie Garnier', garageOf('Atelier Garnier'));
    const client = await register(request, 'client', 'Léa Martin');
    await sendByApi(request, client, garagiste, 'Merci pour la vidange !');

    const { page, problems } = await logIn(browser, baseURL, garagiste);
    await page.goto(`/garage/messages?user=${client.user.id}`);
    await showThreadActions(page);
    await page.getByRole('button', { name: 'Marquer comme traité' }).click();
    await expect(page).toHaveURL('/garage/messages');
    await folder(page, 'Archivées').click();
    await entry(page, 'Léa Martin').click();

    await showThreadActions(page);
    await page.getByRole('button', { name: 'Remettre dans la boîte de réception' }).click();

    await expect(folder(page, 'Boîte de réception')).toHaveAttribute('aria-pressed', 'true');
    await expect(
      page.getByRole('status').filter({ hasText: 'Conversation remise dans la boîte de réception.' }),
    ).toBeVisible();
    await expect(entry(page, 'Léa Martin')).toHaveAttribute('aria-current', 'page');
    await showThreadActions(page);
    await expect(page.getByRole('button', { name: 'Marquer comme traité' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('« Conversation marquée comme traitée » goes once the client writes again and the thread is back', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Sophie Garnier', garageOf('Atelier Garnier'));
    const client = await register(request, 'client', 'Léa Martin');
    await sendByApi(request, client, garagiste, 'Merci pour la vidange !');

    const { page, problems } = await logIn(browser, baseURL, garagiste);
    await page.goto(`/garage/messages?user=${client.user.id}`);
    await showThreadActions(page);
    await page.getByRole('button', { name: 'Marquer comme traité' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Conversation marquée comme traitée' });
    await expect(notice).toBeVisible();
    await expect(entry(page, 'Léa Martin')).toHaveCount(0);

    await sendByApi(request, client, garagiste, 'Finalement, un bruit est revenu.');
    await expect(entry(page, 'Léa Martin')).toContainText('Finalement, un bruit est revenu.');
    await expect(notice).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});
