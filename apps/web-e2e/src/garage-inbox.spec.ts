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
} from './support/users';

test.describe("a garage's shared inbox", () => {
  test('a reply by one member is seen live by the other member and by the client, with its author', async ({
    browser,
    request,
    baseURL,
  }) => {
    const owner = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
    const staff = await joinByApi(request, owner, 'Léa Martin', 'staff');
    const client = await register(request, 'client', 'Camille Durand');

    const [customer, marc, lea] = await Promise.all([
      logIn(browser, baseURL, client),
      logIn(browser, baseURL, owner),
      logIn(browser, baseURL, staff),
    ]);

    // The client writes from the garage's page, named by Marc's id: the thread is the garage's.
    await customer.page.goto(`/app/messages?user=${owner.user.id}`);
    await expect(customer.page).toHaveURL(`/app/messages?user=${owner.user.garageId}`);
    await expect(customer.page.getByRole('heading', { name: 'Garage du Parc' })).toBeVisible();
    const question = 'Bonjour, faites-vous la climatisation ?';
    await customer.page.getByLabel('Votre message').fill(question);
    await send(customer.page);
    await expect(bubble(customer.page, question)).toHaveAttribute('data-status', /^(sent|read)$/);

    // Both members see it live, each with their own unread count.
    for (const member of [marc, lea]) {
      await member.page.goto('/garage/messages');
      await expect(conversationEntry(member.page, 'Camille Durand')).toContainText(question);
      await expectUnreadTotal(member.page, 1);
    }

    // Léa opens it and answers: her count falls, Marc's stays.
    await lea.page.goto(`/garage/messages?user=${client.user.id}`);
    await expect(bubble(lea.page, question)).toBeVisible();
    await expectUnreadTotal(lea.page, 0);
    await expectUnreadTotal(marc.page, 1);
    const answer = 'Oui, et nous avons un créneau demain matin.';
    await lea.page.getByLabel('Votre message').fill(answer);
    await send(lea.page);
    // Stored, and read at once by the client, whose thread is open.
    await expect(bubble(lea.page, answer)).toHaveAttribute('data-status', /^(sent|read)$/);

    // The client's question is « Lu par le garage » as soon as Léa read it.
    await expect(bubble(customer.page, question).locator('.tick')).toHaveAttribute('title', 'Lu par le garage');

    // The client sees Léa's answer live, signed « Léa Martin · Garage du Parc ».
    const received = bubble(customer.page, answer);
    await expect(received).toContainText('Léa Martin · Garage du Parc');
    await screenshot(customer.page, 'garage-inbox-client');

    // Marc sees his colleague's answer live in the list, and on the garage's side of the thread, with her name.
    await expect(conversationEntry(marc.page, 'Camille Durand')).toContainText(`Léa Martin : ${answer}`);
    await marc.page.goto(`/garage/messages?user=${client.user.id}`);
    const colleagues = bubble(marc.page, answer);
    await expect(colleagues).toContainText('Léa Martin');
    await expect(colleagues).toHaveClass(/own/);
    await expectUnreadTotal(marc.page, 0);
    await screenshot(marc.page, 'garage-inbox-colleague');

    for (const window of [customer, marc, lea]) expect(window.problems).toEqual([]);
  });
});
