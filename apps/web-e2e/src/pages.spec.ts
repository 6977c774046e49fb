import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { GaragePage } from '@promoto/shared-dto';
import {
  PASSWORD,
  book,
  bubble,
  bubbles,
  chooseFirstSlot,
  firstFreeSlot,
  garageOf,
  logIn,
  register,
  screenshot,
  sendByApi,
  unique,
} from './support/users';

/** Opens a page, waits for what shows it is drawn, and lists axe-core's violations on it. */
async function axeViolationsOn(page: Page, path: string, ready: () => Promise<void>) {
  await page.goto(path);
  await ready();
  const results = await new AxeBuilder({ page }).analyze();
  return {
    path,
    violations: results.violations.map(({ id, nodes }) => ({ id, targets: nodes.map((node) => node.target) })),
  };
}

test.describe('accounts, bookings and navigation', () => {
  test('a client registers, finds a garage, books it and contacts it; the session survives a reload', async ({
    page,
    request,
  }) => {
    const city = unique('Villeurbanne');
    await register(request, 'garagiste', 'Nadia Perrin', garageOf('Atelier Perrin', city));
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });

    await page.goto('/register');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.getByText('Ce champ est obligatoire.')).toHaveCount(3);
    await expect(page.getByLabel('Nom complet')).toBeFocused();
    await expect(page.getByLabel('Nom du garage')).toHaveCount(0);
    await page.getByLabel('Nom complet').fill('Camille Durand');
    await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await page.getByLabel('Mot de passe').fill('court');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.getByText('Saisissez une adresse e-mail valide (ex. : nom@exemple.fr).')).toBeVisible();
    await expect(page.getByText('Le mot de passe doit contenir au moins 8 caractères.')).toBeVisible();
    await screenshot(page, 'register-errors');

    await page.getByLabel('Adresse e-mail').fill(`${unique('client')}@promoto.test`);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page).toHaveURL('/app/appointments');
    await expect(page.getByText("Vous n'avez aucun rendez-vous pour l'instant.")).toBeVisible();

    await page.getByRole('main').getByRole('link', { name: 'Trouver un garage' }).click();
    await page.getByLabel('Ville').fill(city);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(1);
    await screenshot(page, 'client-garages');
    await page.getByRole('link', { name: 'Atelier Perrin' }).click();
    await expect(page.getByRole('heading', { name: 'Atelier Perrin' })).toBeVisible();

    await page.getByRole('button', { name: 'Demander le rendez-vous' }).click();
    await expect(page.getByText('Ce champ est obligatoire.')).toHaveCount(2);
    await chooseFirstSlot(page, 'Créneau');
    await page.getByLabel('Prestation').fill('Distribution');
    await page.getByLabel('Précisions (facultatif)').fill('Clio 2012, 120 000 km');
    await page.getByRole('button', { name: 'Demander le rendez-vous' }).click();
    await expect(page.getByRole('status')).toContainText('Votre demande de rendez-vous est envoyée.');
    await screenshot(page, 'client-garage');

    await page.getByRole('link', { name: 'Voir mes rendez-vous' }).click();
    const booking = page.getByRole('listitem').filter({ hasText: 'Atelier Perrin' });
    await expect(booking).toContainText('Distribution');
    await expect(booking).toContainText('En attente');
    await expect(booking).toContainText('Clio 2012, 120 000 km');

    await page.reload();
    await expect(booking).toBeVisible();
    await booking.getByRole('link', { name: '💬 Contacter le garagiste' }).click();
    await expect(page.getByRole('heading', { name: 'Atelier Perrin' })).toBeVisible();
    await page.getByLabel('Votre message').fill('Bonjour, je confirme le rendez-vous.');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await expect(bubble(page, 'Bonjour, je confirme le rendez-vous.')).toHaveAttribute('data-status', 'sent');
    await expect(bubble(page, 'Bonjour, je confirme le rendez-vous.')).toContainText('À propos du rendez-vous');
    await expect(page.getByRole('link', { name: /Atelier Perrin/ })).toContainText('Vous : Bonjour');

    expect(problems).toEqual([]);
  });

  test('a garagiste registers with a garage, then manages a booking from the dashboard', async ({ page, request }) => {
    const garageName = unique('Garage Central');
    await page.goto('/register');
    await page.getByLabel('Garagiste — je gère un garage').check();
    await page.getByLabel('Nom complet').fill('Sophie Garnier');
    await page.getByLabel('Adresse e-mail').fill(`${unique('garagiste')}@promoto.test`);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.getByText('Ce champ est obligatoire.')).toHaveCount(3);
    await page.getByLabel('Nom du garage').fill(garageName);
    await page.getByLabel('Ville').fill('Paris');
    await page.getByLabel('Adresse', { exact: true }).fill('3 avenue des Tests');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page).toHaveURL('/garage');
    await expect(page.getByRole('heading', { name: new RegExp(garageName) })).toBeVisible();
    await expect(page.getByText("Aucune conversation pour l'instant")).toBeVisible();
    await expect(page.getByText("Aucun rendez-vous pour l'instant.")).toBeVisible();

    const client = await register(request, 'client', 'Julien Roux');
    const headers = { Authorization: `Bearer ${client.token}` };
    const found = await request.get(`/api/garages/search?q=${encodeURIComponent(garageName)}`, { headers });
    const garages = ((await found.json()) as GaragePage).items;
    expect(garages).toHaveLength(1);
    const response = await request.post('/api/appointments', {
      headers,
      data: {
        garageId: garages[0].id,
        scheduledAt: await firstFreeSlot(request, client, garages[0].id),
        service: 'Freins',
      },
    });
    expect(response.status()).toBe(201);

    await page.reload();
    const booking = page.getByRole('region', { name: 'Rendez-vous du garage' }).getByRole('listitem');
    await expect(booking).toContainText('Julien Roux');
    await booking.getByRole('button', { name: 'Confirmer' }).click();
    await expect(booking.locator('.status')).toHaveText('Confirmé');
    await page.reload();
    await expect(booking.locator('.status')).toHaveText('Confirmé');
    await expect(booking.getByRole('button', { name: 'Terminer' })).toBeVisible();

    await booking.getByRole('link', { name: '💬 Contacter le client' }).click();
    await expect(page).toHaveURL(/\/garage\/messages\?user=[0-9a-f]{24}&appointment=[0-9a-f]{24}$/);
    await expect(page.getByRole('heading', { name: 'Julien Roux' })).toBeVisible();
  });

  test('guards: visitors go to the login page and come back; each role stays in its own area', async ({
    page,
    request,
  }) => {
    const client = await register(request, 'client', 'Emma Girard');
    await page.goto('/app/messages');
    await expect(page).toHaveURL('/login?returnUrl=%2Fapp%2Fmessages');

    await page.getByLabel('Adresse e-mail').fill(client.email);
    await page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.');
    await screenshot(page, 'login-error');

    await page.getByLabel('Mot de passe').fill(client.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL('/app/messages');
    await expect(page.getByText("Aucune conversation pour l'instant")).toBeVisible();

    await page.goto('/garage');
    await expect(page).toHaveURL('/app/appointments');
    await page.goto('/login');
    await expect(page).toHaveURL('/app/appointments');

    await page.getByRole('button', { name: 'Menu de Emma Girard' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL('/login');
    await page.goto('/app/appointments');
    await expect(page).toHaveURL(/\/login\?returnUrl=/);
  });

  test('a session the server no longer accepts ends on the login page with a message', async ({
    browser,
    baseURL,
    request,
  }) => {
    const client = await register(request, 'client', 'Hugo Lambert');
    const { page } = await logIn(browser, baseURL, client);
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('promoto.session') ?? '{}');
      // Neither token is the server's any more: the refresh that follows the 401 is refused too.
      localStorage.setItem(
        'promoto.session',
        JSON.stringify({ ...session, accessToken: `${session.accessToken}x`, refreshToken: 'x'.repeat(43) }),
      );
    });
    await page.reload();
    await expect(page).toHaveURL('/login');
    await expect(page.getByRole('status')).toHaveText('Votre session a expiré, reconnectez-vous.');
    await screenshot(page, 'login-session-expired');
  });

  test('a server that cannot be reached is said in French, and "Réessayer" recovers', async ({
    browser,
    baseURL,
    request,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Paul Mercier', garageOf('Garage Mercier'));
    const client = await register(request, 'client', 'Léa Fontaine');
    await book(request, client, garagiste, 'Pneus');
    const { page } = await logIn(browser, baseURL, client);

    await page.route('**/api/appointments', (route) => route.abort('connectionrefused'));
    await page.reload();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.');
    await page.unroute('**/api/appointments');
    await alert.getByRole('button', { name: 'Réessayer' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'Garage Mercier' })).toContainText('Pneus');
    await expect(alert).toHaveCount(0);
  });

  test('on a phone-width screen the messages page shows the list, then the thread, with a way back', async ({
    browser,
    baseURL,
    request,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
    const client = await register(request, 'client', 'Camille Durand');
    await sendByApi(request, client, garagiste, 'Bonjour, ma voiture est-elle prête ?');
    await sendByApi(request, garagiste, client, 'Oui, votre véhicule est prêt.');
    await sendByApi(request, garagiste, client, 'Passez quand vous voulez avant 19h.');
    const { page, problems } = await logIn(browser, baseURL, client, { viewport: { width: 390, height: 844 } });

    await page.getByRole('link', { name: /^💬 Messages/ }).click();
    await expect(page).toHaveURL('/app/messages');
    const conversation = page.getByRole('link', { name: /Garage du Parc/ });
    await expect(conversation).toContainText('2 messages non lus');
    await expect(page.getByText('Sélectionnez une conversation')).toBeHidden();
    await screenshot(page, 'mobile-conversations');

    await conversation.click();
    await expect(conversation).toBeHidden();
    await expect(bubbles(page)).toHaveCount(3);
    await expect(page.getByLabel('Votre message')).toBeVisible();
    await screenshot(page, 'mobile-thread');

    await page.getByRole('link', { name: 'Retour aux conversations' }).click();
    await expect(page).toHaveURL('/app/messages');
    await expect(conversation).toBeVisible();
    await expect(conversation).not.toContainText('non lu');
    await expect(page.getByRole('link', { name: /^💬 Messages/ })).toHaveAccessibleName('💬 Messages');
    expect(problems).toEqual([]);
  });

  test('no page has an axe-core violation on a computer, for visitors and both roles', async ({
    browser,
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
    const client = await register(request, 'client', 'Camille Durand');
    await book(request, client, garagiste, 'Distribution');
    await sendByApi(request, client, garagiste, 'Bonjour, ma Clio fait un bruit au freinage.');
    await sendByApi(request, garagiste, client, 'Passez demain matin : https://promoto.test/plan-acces');
    const heading = (page: Page, name: string | RegExp) => () =>
      expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const thread = (page: Page) => () => expect(bubbles(page).first()).toBeVisible();
    const clean = (path: string) => ({ path, violations: [] });

    const visitor = await browser.newContext({ baseURL });
    const guest = await visitor.newPage();
    expect(await axeViolationsOn(guest, '/login', heading(guest, 'Connexion'))).toEqual(clean('/login'));
    expect(await axeViolationsOn(guest, '/register', heading(guest, 'Créer un compte'))).toEqual(clean('/register'));
    // Search results and link previews describe the app (index.html's, for every page).
    await expect(guest.locator('meta[name="description"]')).toHaveAttribute('content', /\p{L}{4,}.*\p{L}{4,}/u);
    await visitor.close();

    const customer = await logIn(browser, baseURL, client);
    const mine = customer.page;
    for (const [path, ready] of [
      ['/app/appointments', heading(mine, 'Mes rendez-vous')],
      ['/app/garages', heading(mine, 'Trouver un garage')],
      [`/app/garage/${garagiste.user.garageId}`, heading(mine, 'Garage du Parc')],
      ['/app/messages', heading(mine, 'Mes messages')],
      [`/app/messages?user=${garagiste.user.id}`, thread(mine)],
      ['/app/settings', heading(mine, 'Paramètres')],
      ['/share', heading(mine, 'Envoyer à…')],
    ] as const) {
      expect(await axeViolationsOn(mine, path, ready)).toEqual(clean(path));
    }

    const garage = await logIn(browser, baseURL, garagiste);
    const theirs = garage.page;
    for (const [path, ready] of [
      ['/garage', heading(theirs, /Garage du Parc/)],
      ['/garage/messages', heading(theirs, 'Messages clients')],
      [`/garage/messages?user=${client.user.id}`, thread(theirs)],
      ['/garage/quick-replies', heading(theirs, 'Réponses rapides')],
      ['/garage/team', heading(theirs, 'Équipe du garage')],
      ['/garage/hours', heading(theirs, 'Horaires d’ouverture')],
      ['/garage/settings', heading(theirs, 'Paramètres')],
    ] as const) {
      expect(await axeViolationsOn(theirs, path, ready)).toEqual(clean(path));
    }
    expect(customer.problems).toEqual([]);
    expect(garage.problems).toEqual([]);
    await Promise.all([customer.context.close(), garage.context.close()]);
  });
});
