import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolation } from './support/axe';
import { book, garageOf, logIn, onTouchScreen, register, screenshot, showThreadActions } from './support/users';

/** The client's window: a phone's, whatever the project (the desktop project gets a 360 × 640 one). */
const PHONE_WINDOW = { width: 360, height: 640 };

async function fillLine(
  page: Page,
  number: number,
  line: { label: string; kind: string; quantity: string; price: string; vat?: string },
) {
  const fields = page.getByRole('group', { name: `Ligne ${number}` });
  await fields.getByLabel('Désignation').fill(line.label);
  await fields.getByLabel('Type').selectOption({ label: line.kind });
  await fields.getByLabel('Quantité').fill(line.quantity);
  await fields.getByLabel('Prix unitaire HT (€)').fill(line.price);
  if (line.vat) await fields.getByLabel('TVA').selectOption(line.vat);
}

test.describe('quotes in the thread', () => {
  test('the garagiste writes a quote; the client approves two lines of three on a phone; the garagiste sees it live', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage des Devis'));
    const client = await register(request, 'client', 'Camille Durand');
    const appointment = await book(request, client, garagiste, 'Freins');

    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.goto(`/garage/messages?user=${client.user.id}&appointment=${appointment.id}`);
    await showThreadActions(garage.page);
    await garage.page.getByRole('button', { name: 'Devis' }).click();
    const editor = garage.page.getByRole('form', { name: 'Nouveau devis' });
    await fillLine(garage.page, 1, { label: 'Plaquettes de frein', kind: 'Pièce', quantity: '1', price: '89,90' });
    await editor.getByRole('button', { name: '+ Ajouter une ligne' }).click();
    await fillLine(garage.page, 2, {
      label: 'Main-d’œuvre freins',
      kind: 'Main-d’œuvre',
      quantity: '1,5',
      price: '60',
    });
    await editor.getByRole('button', { name: '+ Ajouter une ligne' }).click();
    await fillLine(garage.page, 3, {
      label: 'Liquide de frein',
      kind: 'Pièce',
      quantity: '1',
      price: '12,50',
      // 5,5 %, in basis points.
      vat: '550',
    });
    // Live totals as typed: 192,40 € HT, 36,67 € of VAT (0,69 € on the last line), 229,07 € TTC.
    const totals = editor.locator('.totals');
    await expect(totals).toContainText('192,40');
    await expect(totals).toContainText('36,67');
    await expect(totals).toContainText('229,07');
    await editor.getByRole('button', { name: 'Envoyer le devis' }).click();
    await expect(editor).toHaveCount(0);
    const garageCard = garage.page.getByRole('log').getByRole('region', { name: 'Devis' });
    await expect(garageCard).toContainText('229,07');
    await expect(garageCard).toContainText('En attente de réponse');
    await expect(garageCard.getByRole('button', { name: /^Accepter/ })).toHaveCount(0);

    const customer = await logIn(browser, baseURL, client, onTouchScreen() ? {} : { viewport: PHONE_WINDOW });
    await customer.page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    const card = customer.page.getByRole('log').getByRole('region', { name: 'Devis' });
    await expect(card).toContainText('Plaquettes de frein');
    await expect(card).toContainText('229,07');
    await expectNoAxeViolation(customer.page);
    await screenshot(customer.page, 'quote-card');

    await card.getByRole('button', { name: 'Accepter « Plaquettes de frein »' }).click();
    await expect(card.locator('li.line').nth(0)).toContainText('Accepté');
    await card.getByRole('button', { name: 'Accepter « Liquide de frein »' }).click();
    await expect(card.locator('li.line').nth(2)).toContainText('Accepté');
    await expect(card.locator('li.line').nth(1)).toContainText('Refuser');
    // 107,88 € + 13,19 € approved, including VAT.
    await expect(card.locator('.approved')).toContainText('121,07');

    // The garagiste's thread, without a reload: the decision's notice and the card's answers.
    const notices = garage.page.getByRole('log').locator('li.notice');
    await expect(notices.filter({ hasText: 'Devis v1' }).last()).toContainText('121,07');
    await expect(garageCard.locator('li.line').nth(0)).toContainText('Accepté');
    await expect(garageCard.locator('li.line').nth(2)).toContainText('Accepté');
    await expect(garageCard.locator('li.line').nth(1)).toContainText('En attente');
    await screenshot(garage.page, 'quote-decided');

    // The PDF, downloaded through its signed link.
    const download = garage.page.waitForEvent('download');
    await garageCard.getByRole('button', { name: 'Télécharger le devis en PDF' }).click();
    expect((await download).suggestedFilename()).toMatch(/^devis-v1-[0-9a-f]{24}\.pdf$/);

    // The booking shows the approved amount.
    await customer.page.goto('/app/appointments');
    await expect(customer.page.getByText(/Devis accepté : 121,07/)).toBeVisible();

    expect(customer.problems).toEqual([]);
    expect(garage.problems).toEqual([]);
  });

  test('the garagiste writes a new version of a quote: the first one is « Remplacé » for both, only the new one takes answers', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage des Versions'));
    const client = await register(request, 'client', 'Camille Durand');
    const appointment = await book(request, client, garagiste, 'Freins');
    const first = await request.post('/api/quotes', {
      headers: { Authorization: `Bearer ${garagiste.token}` },
      data: {
        appointmentId: appointment.id,
        lines: [{ label: 'Plaquettes de frein', kind: 'part', quantityHundredths: 100, unitPriceCents: 8990 }],
      },
    });
    expect(first.status(), await first.text()).toBe(201);

    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.goto(`/garage/messages?user=${client.user.id}&appointment=${appointment.id}`);
    const log = garage.page.getByRole('log');
    const firstCard = log.getByRole('region', { name: 'Devis', exact: true });
    await firstCard.getByRole('button', { name: 'Écrire une nouvelle version du devis (v2)' }).click();
    const editor = garage.page.getByRole('form', { name: 'Nouvelle version du devis (v2)' });
    const line = editor.getByRole('group', { name: 'Ligne 1' });
    await expect(line.getByLabel('Désignation')).toHaveValue('Plaquettes de frein');
    await expect(line.getByLabel('Prix unitaire HT (€)')).toHaveValue('89,9');
    await line.getByLabel('Prix unitaire HT (€)').fill('79,90');
    await expect(editor.locator('.totals')).toContainText('95,88');
    await editor.getByRole('button', { name: 'Envoyer le devis' }).click();
    await expect(editor).toHaveCount(0);
    const secondCard = log.getByRole('region', { name: 'Devis · version 2' });
    await expect(secondCard).toContainText('95,88');
    await expect(firstCard).toContainText('Remplacé');
    await expect(firstCard.getByRole('button', { name: /nouvelle version/ })).toHaveCount(0);

    const customer = await logIn(browser, baseURL, client, onTouchScreen() ? {} : { viewport: PHONE_WINDOW });
    await customer.page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    const clientLog = customer.page.getByRole('log');
    await expect(clientLog.getByRole('region', { name: 'Devis', exact: true })).toContainText('Remplacé');
    await expect(
      clientLog.getByRole('region', { name: 'Devis', exact: true }).getByRole('button', { name: /^Accepter/ }),
    ).toHaveCount(0);
    const current = clientLog.getByRole('region', { name: 'Devis · version 2' });
    await current.getByRole('button', { name: 'Accepter « Plaquettes de frein »' }).click();
    await expect(current).toContainText('Répondu');
    await expect(log.locator('li.notice').filter({ hasText: 'Devis v2' })).toContainText('95,88');

    expect(customer.problems).toEqual([]);
    expect(garage.problems).toEqual([]);
  });
});
