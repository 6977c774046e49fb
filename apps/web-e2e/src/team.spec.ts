import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import type { AuthResponse } from '@promoto/shared-dto';
import { openSessionsOf } from './support/database';
import { invitationLink, inviteByApi, joinByApi } from './support/invitations';
import {
  conversationEntry,
  garageOf,
  logIn,
  register,
  screenshot,
  sendByApi,
  unique,
  type Account,
} from './support/users';

const member = (page: Page, email: string) => page.locator(`[data-member="${email}"]`);

/** The session the page's browser holds (what the web app keeps in localStorage). */
const storedSession = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('promoto.session') ?? 'null') as AuthResponse | null);

/** A browser where a new client is signed in, and the session it holds. */
async function clientSignedIn(browser: Browser, baseURL: string | undefined, request: APIRequestContext) {
  const client = await register(request, 'client', 'Léa Martin');
  const signedIn = await logIn(browser, baseURL, client);
  const before = await storedSession(signedIn.page);
  expect(before?.user.id).toBe(client.user.id);
  return { signedIn, before };
}

/** A garagiste in no garage (a member who left), invited again with the same account: the account and its link. */
async function invitedBack(request: APIRequestContext, owner: Account) {
  const returning = await joinByApi(request, owner, 'Karim Benali', 'staff');
  const left = await request.delete(`/api/team/members/${returning.user.id}`, {
    headers: { Authorization: `Bearer ${returning.token}` },
  });
  expect(left.status(), await left.text()).toBe(204);
  const invited = await request.post('/api/team/invitations', {
    headers: { Authorization: `Bearer ${owner.token}` },
    data: { email: returning.email, role: 'staff' },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  return { returning, link: await invitationLink(returning.email) };
}

test.describe('the garage team', () => {
  test('the owner invites by e-mail, the invitee joins with a new account, then is removed and signed out', async ({
    browser,
    request,
    baseURL,
  }) => {
    const owner = await register(request, 'garagiste', 'Marc Dupont', garageOf('Garage Dupont'));
    const garage = await logIn(browser, baseURL, owner);
    await garage.page.goto('/garage/team');
    await expect(garage.page.getByRole('heading', { name: 'Membres de Garage Dupont' })).toBeVisible();
    await expect(member(garage.page, owner.email)).toContainText('Marc Dupont');

    const email = `${unique('equipe')}@promoto.test`;
    await garage.page.getByLabel('Adresse e-mail').fill(email);
    await garage.page.getByLabel('Rôle', { exact: true }).selectOption('staff');
    await garage.page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await expect(garage.page.getByRole('status')).toHaveText(`Invitation envoyée à ${email}.`);
    await expect(garage.page.getByRole('region', { name: 'Invitations en attente' })).toContainText(email);

    // The invitee opens the e-mail's link in a browser of their own.
    const link = await invitationLink(email);
    const invitee = await browser.newContext({ baseURL });
    const page = await invitee.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${link.pathname}${link.hash}`);
    await expect(
      page.getByText('Marc Dupont vous invite à rejoindre l’équipe de Garage Dupont (membre).'),
    ).toBeVisible();
    await page.getByLabel('Nom complet').fill('Julie Petit');
    await page.getByLabel('Mot de passe').fill('moteur diesel vidange courroie');
    await page.getByRole('button', { name: 'Créer mon compte et rejoindre' }).click();
    await expect(page).toHaveURL('/garage/messages');

    await garage.page.reload();
    await expect(member(garage.page, email)).toContainText('Julie Petit');
    await expect(garage.page.getByRole('region', { name: 'Invitations en attente' })).not.toContainText(email);
    await screenshot(garage.page, 'garage-team');

    // Removed: her open page is told at once and goes back to the login page.
    garage.page.once('dialog', (dialog) => void dialog.accept());
    await garage.page.getByRole('button', { name: 'Retirer Julie Petit de l’équipe' }).click();
    await expect(member(garage.page, email)).toHaveCount(0);
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText('Vous ne faites plus partie de l’équipe de Garage Dupont.')).toBeVisible();

    // The link worked once.
    await page.goto(`${link.pathname}${link.hash}`);
    await expect(page.getByRole('alert')).toHaveText('Cette invitation a déjà été utilisée.');
    expect(garage.problems).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('the account that registered the garage is an owner like any other: another owner makes it staff', async ({
    browser,
    request,
    baseURL,
  }) => {
    const founder = await register(request, 'garagiste', 'Marc Dupont', garageOf('Garage Dupont'));
    const nadia = await joinByApi(request, founder, 'Nadia Roux', 'owner');
    const garage = await logIn(browser, baseURL, nadia);
    await garage.page.goto('/garage/team');
    await expect(member(garage.page, founder.email)).toContainText('Marc Dupont');

    const changed = garage.page.waitForResponse(
      (response) =>
        response.url().includes(`/api/team/members/${founder.user.id}`) && response.request().method() === 'PATCH',
    );
    await garage.page.getByLabel('Rôle de Marc Dupont').selectOption('staff');
    expect((await changed).status()).toBe(200);
    await garage.page.reload();
    await expect(garage.page.getByLabel('Rôle de Marc Dupont')).toHaveValue('staff');
    await expect(garage.page.getByRole('alert')).toHaveCount(0);
    await screenshot(garage.page, 'garage-team-founder');
    expect(garage.problems).toEqual([]);
  });

  test('a new account made on the link ends the session of the account the browser was signed in as', async ({
    browser,
    request,
    baseURL,
  }) => {
    const owner = await register(request, 'garagiste', 'Marc Dupont', garageOf('Garage du Relais'));
    const { link } = await inviteByApi(request, owner, 'staff');
    // The link opened in a browser where a client is signed in.
    const { signedIn, before } = await clientSignedIn(browser, baseURL, request);

    await signedIn.page.goto(`${link.pathname}${link.hash}`);
    await signedIn.page.getByLabel('Nom complet').fill('Julie Petit');
    await signedIn.page.getByLabel('Mot de passe').fill('moteur diesel vidange courroie');
    await signedIn.page.getByRole('button', { name: 'Créer mon compte et rejoindre' }).click();
    await expect(signedIn.page).toHaveURL('/garage/messages');

    // The client's session ended with it: its tokens are refused, whoever holds a copy.
    const stale = await request.post('/api/auth/refresh', { data: { refreshToken: before?.refreshToken } });
    expect(stale.status()).toBe(401);
    const staleAccess = await request.get('/api/auth/me', {
      headers: { Authorization: `Bearer ${before?.accessToken}` },
    });
    expect(staleAccess.status()).toBe(401);
    await expect(signedIn.page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(signedIn.problems).toEqual([]);
    await signedIn.context.close();
  });

  test('a garagiste with an account joins by logging in on the link: one session, whose socket gets the garage live', async ({
    browser,
    request,
    baseURL,
  }) => {
    const owner = await register(request, 'garagiste', 'Marc Dupont', garageOf('Garage des Retours'));
    const { returning, link } = await invitedBack(request, owner);

    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${link.pathname}${link.hash}`);
    await expect(page.getByText('Un compte existe pour cette adresse')).toBeVisible();
    await page.getByLabel('Mot de passe').fill(returning.password);
    const login = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
    const listed = page.waitForResponse((response) => response.url().includes('/api/messages/conversations'));
    await page.getByRole('button', { name: 'Rejoindre Garage des Retours' }).click();
    const loggedIn = (await (await login).json()) as AuthResponse;
    await expect(page).toHaveURL('/garage/messages');

    // The login's session gave way to the one the acceptance answered: its refresh token is refused.
    const stale = await request.post('/api/auth/refresh', { data: { refreshToken: loggedIn.refreshToken } });
    expect(stale.status()).toBe(401);
    // The page's socket, closed with the old session, comes back with the new one: a client's
    // first message, sent once the list is in, enters it live (or with the reconnection's catch-up).
    await listed;
    const client: Account = await register(request, 'client', 'Inès Garnier');
    await sendByApi(request, client, owner, 'Bonjour, je reviens vers vous');
    await expect(conversationEntry(page, 'Inès Garnier')).toBeVisible({ timeout: 15_000 });
    await expect(page).toHaveURL('/garage/messages');
    expect(problems).toEqual([]);
    await context.close();
  });

  test('logging in on the link ends the session of another account the browser was signed in as', async ({
    browser,
    request,
    baseURL,
  }) => {
    const owner = await register(request, 'garagiste', 'Marc Dupont', garageOf('Garage du Retour'));
    const { returning, link } = await invitedBack(request, owner);
    // The link opened in a browser where a client is signed in.
    const { signedIn, before } = await clientSignedIn(browser, baseURL, request);

    await signedIn.page.goto(`${link.pathname}${link.hash}`);
    await signedIn.page.getByLabel('Mot de passe').fill(returning.password);
    await signedIn.page.getByRole('button', { name: 'Rejoindre Garage du Retour' }).click();
    await expect(signedIn.page).toHaveURL('/garage/messages');

    const stale = await request.post('/api/auth/refresh', { data: { refreshToken: before?.refreshToken } });
    expect(stale.status()).toBe(401);
    const now = await storedSession(signedIn.page);
    expect(now?.user).toMatchObject({ id: returning.user.id, garageId: owner.user.garageId });
    expect(signedIn.problems).toEqual([]);
    await signedIn.context.close();
  });

  test('a link withdrawn while its page was open changes no session: the browser stays signed in as it was', async ({
    browser,
    request,
    baseURL,
  }) => {
    const owner = await register(request, 'garagiste', 'Marc Dupont', garageOf('Garage du Retrait'));
    const { returning, link } = await invitedBack(request, owner);
    const { signedIn, before } = await clientSignedIn(browser, baseURL, request);
    await signedIn.page.goto(`${link.pathname}${link.hash}`);
    await expect(signedIn.page.getByText('Un compte existe pour cette adresse')).toBeVisible();
    const sessionsBefore = await openSessionsOf(returning.user.id);

    // The owner withdraws the invitation before the invited person has typed the password.
    const team = await request.get('/api/team', { headers: { Authorization: `Bearer ${owner.token}` } });
    const { invitations } = (await team.json()) as { invitations: { id: string; email: string }[] };
    const invitation = invitations.find((pending) => pending.email === returning.email);
    const withdrawn = await request.delete(`/api/team/invitations/${invitation?.id}`, {
      headers: { Authorization: `Bearer ${owner.token}` },
    });
    expect(withdrawn.status()).toBe(204);

    await signedIn.page.getByLabel('Mot de passe').fill(returning.password);
    const logout = signedIn.page.waitForResponse((response) => response.url().endsWith('/api/auth/logout'));
    await signedIn.page.getByRole('button', { name: 'Rejoindre Garage du Retrait' }).click();
    await expect(signedIn.page.getByRole('alert')).toHaveText(/Ce lien d’invitation n’est pas valable/);
    // The session the login opened for the link ended unused; the client's is the browser's still.
    expect((await logout).status()).toBe(204);
    expect(await openSessionsOf(returning.user.id)).toBe(sessionsBefore);
    expect((await storedSession(signedIn.page))?.user.id).toBe(before?.user.id);
    const stillSignedIn = await request.get('/api/auth/me', {
      headers: { Authorization: `Bearer ${before?.accessToken}` },
    });
    expect(stillSignedIn.status()).toBe(200);
    await expect(signedIn.page).toHaveURL(/\/invitation/);
    // The browser logs the refused acceptance's 404, and nothing else.
    expect(signedIn.problems).toEqual([expect.stringContaining('404')]);
    await signedIn.context.close();
  });
});
