import { expect, test } from '@playwright/test';
import { joinByApi } from './support/invitations';
import {
  bubble,
  conversationEntry,
  expectUnreadTotal,
  garageOf,
  logIn,
  register,
  screenshot,
  send,
  sendByApi,
} from './support/users';

test.describe('internal notes', () => {
  test('a note is seen live by the other member, marked as one, and never by the client', async ({
    browser,
    request,
    baseURL,
  }) => {
    const owner = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage des Notes'));
    const staff = await joinByApi(request, owner, 'Léa Martin', 'staff');
    const client = await register(request, 'client', 'Camille Durand');
    const question = 'Bonjour, ma courroie fait du bruit.';
    await sendByApi(request, client, owner, question);

    const [customer, marc, lea] = await Promise.all([
      logIn(browser, baseURL, client),
      logIn(browser, baseURL, owner),
      logIn(browser, baseURL, staff),
    ]);
    await customer.page.goto(`/app/messages?user=${owner.user.garageId}`);
    for (const member of [marc, lea]) await member.page.goto(`/garage/messages?user=${client.user.id}`);
    for (const window of [customer, marc, lea]) await expect(bubble(window.page, question)).toBeVisible();

    // Léa switches the composer to « Note interne » and writes for her colleagues.
    const noteToggle = lea.page.getByRole('checkbox', { name: 'Note interne' });
    await noteToggle.check();
    await expect(lea.page.getByLabel('Votre message')).toHaveAttribute(
      'placeholder',
      'Note interne : visible par votre équipe uniquement…',
    );
    const note = 'Cliente fidèle : lui proposer le contrôle gratuit';
    await lea.page.getByLabel('Votre message').fill(note);
    await send(lea.page);
    await expect(bubble(lea.page, note)).toHaveClass(/\bnote\b/);

    // Marc sees it live on the garage's side of the thread, marked « Note interne », with her name.
    const seenByMarc = bubble(marc.page, note);
    await expect(seenByMarc).toContainText('Note interne');
    await expect(seenByMarc).toContainText('Léa Martin');
    await expect(seenByMarc).toHaveClass(/\bown\b/);
    await expect(seenByMarc).toHaveClass(/\bnote\b/);
    await expect(conversationEntry(marc.page, 'Camille Durand')).toContainText(`Note interne · Léa Martin : ${note}`);
    // Stored: Léa's note shows no tick, never the client's « Lu ».
    await expect(bubble(lea.page, note).locator('.tick')).toHaveCount(0);
    await expectUnreadTotal(marc.page, 0);
    await screenshot(marc.page, 'internal-note-colleague');

    // Léa switches back and answers the client: the client sees the answer live, the note never.
    await noteToggle.uncheck();
    const answer = 'Nous pouvons la regarder demain à 9 h.';
    await lea.page.getByLabel('Votre message').fill(answer);
    await send(lea.page);
    await expect(bubble(customer.page, answer)).toBeVisible();
    await expect(bubble(customer.page, note)).toHaveCount(0);
    await expect(conversationEntry(customer.page, 'Garage des Notes')).toContainText(answer);
    await expect(conversationEntry(customer.page, 'Garage des Notes')).not.toContainText('Note interne');
    await expect(customer.page.getByRole('checkbox', { name: 'Note interne' })).toHaveCount(0);
    // Nor after a reload, from the history pages.
    await customer.page.reload();
    await expect(bubble(customer.page, answer)).toBeVisible();
    await expect(bubble(customer.page, note)).toHaveCount(0);
    await screenshot(customer.page, 'internal-note-client');

    for (const window of [customer, marc, lea]) expect(window.problems).toEqual([]);
  });
});
