import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { bubble, logIn, register, send } from './support/users';

/** The second site serve.mjs runs: the same app, with access tokens of 8 seconds. */
const SHORT_SESSION_SITE = `http://127.0.0.1:${Number(process.env.E2E_WEB_PORT ?? '4300') + 1}`;
const SOCKET_CONNECTED_LOG = '✅ Connecté au serveur Socket.io';

/** The access token the page holds now. */
const accessToken = (page: Page) =>
  page.evaluate(
    () => (JSON.parse(localStorage.getItem('promoto.session') ?? '{}') as { accessToken?: string }).accessToken,
  );

/** Waits until the page holds another access token than `previous`, and its socket connected with it. */
async function renewedPast(page: Page, previous: string | undefined): Promise<string | undefined> {
  const reconnected = page.waitForEvent('console', {
    predicate: (message) => message.text() === SOCKET_CONNECTED_LOG,
    timeout: 40_000,
  });
  await expect.poll(() => accessToken(page), { timeout: 40_000 }).not.toBe(previous);
  await reconnected;
  return accessToken(page);
}

async function write(page: Page, text: string): Promise<void> {
  await page.getByLabel('Votre message').fill(text);
  await send(page);
  await expect(bubble(page, text)).toBeVisible();
}

test.describe('sessions', () => {
  test('the chat keeps working while access tokens expire under it: renewed silently, the socket back with the new one', async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const api = await playwrightRequest.newContext({ baseURL: SHORT_SESSION_SITE });
    const camille = await register(api, 'client', 'Camille Martin');
    const marc = await register(api, 'garagiste', 'Marc Dupont');
    const client = await logIn(browser, SHORT_SESSION_SITE, camille);
    const garagiste = await logIn(browser, SHORT_SESSION_SITE, marc);
    const loginPages: string[] = [];
    for (const { page } of [client, garagiste]) {
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && new URL(frame.url()).pathname === '/login') loginPages.push(frame.url());
      });
    }
    await client.page.goto(`/app/messages?user=${marc.user.id}`);
    await write(client.page, 'Bonjour, ma Clio fait un bruit au freinage.');
    await garagiste.page.goto(`/garage/messages?user=${camille.user.id}`);
    await expect(bubble(garagiste.page, 'Bonjour, ma Clio fait un bruit au freinage.')).toBeVisible();

    // Each token lasts 8 s: both sides go through two renewals, and the messages keep flowing both ways live.
    let clientToken = await accessToken(client.page);
    let garagisteToken = await accessToken(garagiste.page);
    for (const [question, answer] of [
      ['Pouvez-vous regarder demain ?', 'Oui, passez à 9 h.'],
      ['Parfait, à demain.', 'À demain !'],
    ]) {
      [clientToken, garagisteToken] = await Promise.all([
        renewedPast(client.page, clientToken),
        renewedPast(garagiste.page, garagisteToken),
      ]);
      await write(client.page, question);
      await expect(bubble(garagiste.page, question)).toBeVisible();
      await write(garagiste.page, answer);
      await expect(bubble(client.page, answer)).toBeVisible();
    }
    await client.page.reload();
    await expect(bubble(client.page, 'À demain !')).toBeVisible();

    expect(loginPages).toEqual([]);
    for (const { page } of [client, garagiste]) {
      await expect(page.getByText('Votre session a expiré')).toHaveCount(0);
      await expect(page.getByRole('alert')).toHaveCount(0);
    }
    await Promise.all([client.context.close(), garagiste.context.close(), api.dispose()]);
  });

  test('« Se déconnecter partout » ends the session on every device', async ({ browser, baseURL, request }) => {
    const camille = await register(request, 'client', 'Camille Martin');
    const laptop = await logIn(browser, baseURL, camille);
    const phone = await logIn(browser, baseURL, camille);

    await phone.page.goto('/app/settings');
    await phone.page.getByRole('button', { name: 'Se déconnecter partout' }).click();
    await expect(phone.page).toHaveURL('/login');
    await expect(phone.page.getByRole('status')).toHaveText('Vous êtes déconnecté de tous vos appareils.');

    // The other device's socket is closed; its handshake and its refresh are refused.
    await expect(laptop.page).toHaveURL('/login', { timeout: 20_000 });
    await expect(laptop.page.getByRole('status')).toHaveText('Votre session a expiré, reconnectez-vous.');
    const me = await request.get('/api/auth/me', { headers: { Authorization: `Bearer ${camille.token}` } });
    expect(me.status()).toBe(401);
    await Promise.all([laptop.context.close(), phone.context.close()]);
  });
});
