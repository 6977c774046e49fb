import { expect, test } from '@playwright/test';
import {
  book,
  bubble,
  bubbles,
  conversationEntry,
  expectUnreadTotal,
  garageOf,
  logIn,
  newLine,
  register,
  screenshot,
  send,
  sendByApi,
  storedMessages,
} from './support/users';

test.describe('real-time chat between a client and a garagiste', () => {
  test('the client writes from a booking; the garagiste sees it live, reads it, and answers', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
    const client = await register(request, 'client', 'Camille Durand');
    const appointment = await book(request, client, garagiste, 'Vidange');
    const garageName = 'Garage du Parc';

    const garage = await logIn(browser, baseURL, garagiste);
    const messagesSection = garage.page.getByRole('region', { name: 'Messages Clients' });
    // The booking wrote its notice into the thread: the conversation is there, one notice unread.
    const conversation = messagesSection.getByRole('link', { name: new RegExp(client.user.name) });
    await expect(conversation).toContainText('Rendez-vous demandé');
    await expect(conversation).toContainText('1 message non lu');
    await expect(
      garage.page.getByRole('region', { name: 'Rendez-vous du garage' }).getByText(client.user.name),
    ).toBeVisible();

    const customer = await logIn(browser, baseURL, client);
    await expect(customer.page.getByRole('heading', { name: 'Mes rendez-vous' })).toBeVisible();
    await screenshot(customer.page, 'client-appointments');
    await customer.page.getByRole('link', { name: '💬 Contacter le garagiste' }).click();
    // The client's thread is the garage's: named by the garage's id.
    await expect(customer.page).toHaveURL(
      `/app/messages?user=${garagiste.user.garageId}&appointment=${appointment.id}`,
    );
    await expect(customer.page.getByRole('heading', { name: garageName })).toBeVisible();
    await expect(customer.page.getByLabel('Rendez-vous concerné')).toHaveValue(appointment.id);

    const question = 'Bonjour, la pièce est-elle arrivée ?';
    const composer = customer.page.getByLabel('Votre message');
    await composer.fill(question);
    await send(customer.page);
    await expect(composer).toHaveValue('');
    const sent = bubble(customer.page, question);
    await expect(sent).toHaveCount(1);
    await expect(sent).toHaveAttribute('data-status', 'sent');
    await expect(sent).toContainText('À propos du rendez-vous : Vidange');

    // Live on the garagiste's dashboard, without reload: the list, its badge and the menu's total.
    await expect(conversation).toContainText(question);
    await expect(conversation).toContainText('2 messages non lus');
    await expectUnreadTotal(garage.page, 2);
    await screenshot(garage.page, 'garage-dashboard');

    await conversation.click();
    await expect(garage.page).toHaveURL(`/garage/messages?user=${client.user.id}`);
    const received = bubble(garage.page, question);
    await expect(received).toHaveCount(1);
    await expect(received).toContainText('À propos du rendez-vous : Vidange');
    await expectUnreadTotal(garage.page, 0);
    await expect(conversationEntry(garage.page, client.user.name)).not.toContainText('non lu');
    await expect(sent).toHaveAttribute('data-status', 'read');

    await composer.fill('Je');
    await expect(garage.page.getByText(`${client.user.name} est en train d'écrire…`)).toBeVisible();
    await composer.fill('');

    const answer = 'Oui, passez demain à 9h.';
    await garage.page.getByLabel('Votre message').fill(answer);
    await garage.page.getByRole('button', { name: 'Envoyer' }).click();
    await expect(bubble(customer.page, answer)).toHaveCount(1);
    await expect(bubble(garage.page, answer)).toHaveAttribute('data-status', 'read');
    await expectUnreadTotal(customer.page, 0);

    // Shift+Enter adds a line and Enter sends; on a phone Enter adds a line and the button sends.
    await composer.pressSequentially('Ligne 1');
    await newLine(customer.page);
    await composer.pressSequentially('Ligne 2');
    await expect(composer).toHaveValue('Ligne 1\nLigne 2');
    await send(customer.page);
    await expect(bubble(garage.page, 'Ligne 1').locator('.content')).toHaveText('Ligne 1\nLigne 2');
    await expect(bubbles(garage.page)).toHaveCount(3);

    await screenshot(customer.page, 'client-messages');
    await screenshot(garage.page, 'garage-messages');

    // The session and the history survive a reload.
    await customer.page.reload();
    await expect(bubbles(customer.page)).toHaveCount(3);
    await expect(customer.page.locator('app-user-menu')).toContainText(client.user.name);

    expect(customer.problems).toEqual([]);
    expect(garage.problems).toEqual([]);
  });

  test('a message sent while the recipient is offline appears when they come back', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Sophie Garnier');
    const client = await register(request, 'client', 'Julien Roux');
    await sendByApi(request, client, garagiste, 'Premier message');

    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.goto(`/garage/messages?user=${client.user.id}`);
    await expect(bubble(garage.page, 'Premier message')).toHaveCount(1);
    const customer = await logIn(browser, baseURL, client);
    await customer.page.goto(`/app/messages?user=${garagiste.user.id}`);
    await expect(bubble(customer.page, 'Premier message')).toHaveCount(1);

    await garage.context.setOffline(true);
    const banner = garage.page.getByRole('status').filter({ hasText: 'Reconnexion en cours' });
    await expect(banner).toBeVisible();

    const missed = 'Envoyé pendant votre coupure';
    await customer.page.getByLabel('Votre message').fill(missed);
    await send(customer.page);
    await expect(bubble(customer.page, missed)).toHaveAttribute('data-status', 'sent');
    await expect(bubble(garage.page, missed)).toHaveCount(0);

    await garage.context.setOffline(false);
    await expect(banner).toBeHidden();
    await expect(bubble(garage.page, missed)).toHaveCount(1);
    await expect(bubbles(garage.page)).toHaveCount(2);
    // The open thread is read on arrival, so the sender gets the read tick.
    await expect(bubble(customer.page, missed)).toHaveAttribute('data-status', 'read');
    expect(customer.problems).toEqual([]);
  });

  test('a message sent after the thread loaded but before its socket joined shows once the socket connects', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Paul Mercier', garageOf('Garage des Tilleuls'));
    const client = await register(request, 'client', 'Léa Fontaine');
    await sendByApi(request, client, garagiste, 'Bonjour, où en est mon devis ?');
    const customer = await logIn(browser, baseURL, client);
    // The next load's socket waits for the test: the page's own requests answer first, and what the
    // garage sends meanwhile is emitted while this page is in none of its rooms.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await customer.context.routeWebSocket(/\/socket\.io\//, async (socket) => {
      await released;
      const server = socket.connectToServer();
      socket.onMessage((frame) => server.send(frame));
      server.onMessage((frame) => socket.send(frame));
    });
    const listed = customer.page.waitForResponse((response) => response.url().includes('/api/messages/conversations'));
    await customer.page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    await expect(bubble(customer.page, 'Bonjour, où en est mon devis ?')).toHaveCount(1);
    await listed;

    const missed = 'Il est prêt, il vous attend dans vos documents.';
    await sendByApi(request, garagiste, client, missed);
    const connected = customer.page.waitForEvent('console', (line) => line.text().startsWith('✅ Connecté'));
    release();
    await connected;

    await expect(bubble(customer.page, missed)).toHaveCount(1);
    await expect(bubbles(customer.page)).toHaveCount(2);
    await expect(conversationEntry(customer.page, 'Garage des Tilleuls')).toContainText(missed);
    expect(customer.problems).toEqual([]);
  });

  test('when the acknowledgement is lost, the retry reuses the clientMessageId and the server stores the message once', async ({
    browser,
    request,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const garagiste = await register(request, 'garagiste', 'Hugo Lambert');
    const client = await register(request, 'client', 'Emma Girard');
    let dropAnswers = false;

    const customer = await logIn(browser, baseURL, client, {
      // Between the page and the server: while dropAnswers, the server stores the message but
      // the page never hears of it (neither the acknowledgement nor the new-message event).
      beforeLogin: (context) =>
        context.routeWebSocket(/\/socket\.io\//, (page) => {
          const server = page.connectToServer();
          page.onMessage((frame) => server.send(frame));
          server.onMessage((frame) => {
            const isAnswer =
              typeof frame === 'string' &&
              (frame.startsWith('42["new-message"') || /^43\d+\[\{"ok":true,"message"/.test(frame));
            if (!(dropAnswers && isAnswer)) page.send(frame);
          });
        }),
    });
    // The page loads anew: the message must leave over the socket, once it is connected.
    const connected = customer.page.waitForEvent('console', (line) => line.text().startsWith('✅ Connecté'));
    await customer.page.goto(`/app/messages?user=${garagiste.user.id}`);
    await expect(customer.page.getByText("Aucun message pour l'instant. Écrivez le premier !")).toBeVisible();
    await connected;

    dropAnswers = true;
    const text = 'Avez-vous un créneau samedi ?';
    await customer.page.getByLabel('Votre message').fill(text);
    await send(customer.page);
    const message = bubble(customer.page, text);
    await expect(message).toHaveAttribute('data-status', 'pending');
    await expect(message).toHaveAttribute('data-status', 'failed', { timeout: 20_000 });
    await expect(message).toContainText("Le message n'a pas pu être envoyé.");
    expect(await storedMessages(request, client, garagiste)).toHaveLength(1);
    // « Réessayer » whole on screen, above the composer.
    const retry = message.getByRole('button', { name: 'Réessayer' });
    await expect(retry).toBeInViewport({ ratio: 1 });
    const retryBox = await retry.boundingBox();
    const composerBox = await customer.page.locator('app-chat-composer').boundingBox();
    expect(retryBox && composerBox && retryBox.y + retryBox.height <= composerBox.y).toBe(true);

    dropAnswers = false;
    await message.getByRole('button', { name: 'Réessayer' }).click();
    await expect(message).toHaveAttribute('data-status', 'sent');
    await expect(bubbles(customer.page)).toHaveCount(1);
    expect(await storedMessages(request, client, garagiste)).toHaveLength(1);

    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.goto(`/garage/messages?user=${client.user.id}`);
    await expect(bubbles(garage.page)).toHaveCount(1);
    await expect(bubble(garage.page, text)).toHaveCount(1);
    expect(customer.problems).toEqual([]);
  });
});
