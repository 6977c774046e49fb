import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { AuthResponse, GarageRole } from '@promoto/shared-dto';
import { invitationLink, inviteByApi } from './support/invitations';
import { garageOf, logIn, register, screenshot, unique, type Account } from './support/users';

const MEMBER_PASSWORD = 'moteur diesel vidange courroie';

/** A new member of the owner's garage, invited and registered through the API. */
async function joinByApi(request: APIRequestContext, owner: Account, name: string, role: GarageRole) {
  const { email, link } = await inviteByApi(request, owner, role);
  const registered = await request.post('/api/invitations/register', {
    data: { token: link.hash.slice(1), name, password: MEMBER_PASSWORD },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const auth = (await registered.json()) as AuthResponse;
  return { email, password: MEMBER_PASSWORD, user: auth.user, token: auth.accessToken } satisfies Account;
}

const member = (page: Page, email: string) => page.locator(`[data-member="${email}"]`);

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

  test('another owner can neither remove nor demote the account that registered the garage, and is told why', async ({
    browser,
    request,
    baseURL,
  }) => {
    const founder = await register(request, 'garagiste', 'Marc Dupont', garageOf('Garage Dupont'));
    const nadia = await joinByApi(request, founder, 'Nadia Roux', 'owner');
    const garage = await logIn(browser, baseURL, nadia);
    await garage.page.goto('/garage/team');
    await expect(member(garage.page, founder.email)).toContainText('Marc Dupont');
    const why =
      'Le compte qui a inscrit le garage reçoit les conversations de ses clients : il reste responsable et ne peut pas quitter l’équipe.';

    garage.page.once('dialog', (dialog) => void dialog.accept());
    await garage.page.getByRole('button', { name: 'Retirer Marc Dupont de l’équipe' }).click();
    await expect(garage.page.getByRole('alert')).toHaveText(why);
    await expect(member(garage.page, founder.email)).toContainText('Marc Dupont');

    await garage.page.getByLabel('Rôle de Marc Dupont').selectOption('staff');
    await expect(garage.page.getByRole('alert')).toHaveText(why);
    await expect(garage.page.getByLabel('Rôle de Marc Dupont')).toHaveValue('owner');
    await screenshot(garage.page, 'garage-team-founder');
    expect(garage.problems.filter((problem) => !problem.includes('409'))).toEqual([]);
  });
});
