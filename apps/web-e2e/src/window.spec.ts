import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { backdateMessages } from './support/database';
import { parisDay } from './support/paris-days';
import { bubble, bubbles, garageOf, logIn, register, screenshot, sendByApi, sendMany } from './support/users';

function thread(page: Page) {
  return page.getByRole('log');
}

/** Scrolls the thread like a reader would, returning once the page has handled the scroll. */
async function scrollTo(page: Page, where: 'top' | 'bottom') {
  await page.locator('.scroller').evaluate(
    (element, to) =>
      new Promise<void>((resolve) => {
        const target = to === 'top' ? 0 : element.scrollHeight - element.clientHeight;
        if (Math.abs(element.scrollTop - target) < 1) return resolve();
        element.addEventListener('scroll', () => requestAnimationFrame(() => resolve()), { once: true });
        element.scrollTop = target;
      }),
    where,
  );
}

test.describe('the chat window', () => {
  test('days are separated and one person’s consecutive messages grouped, the time on the last', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage des Tilleuls'));
    const client = await register(request, 'client', 'Camille Durand');
    const sent = [
      await sendByApi(request, client, garagiste, 'Bonjour, ma Clio fait un bruit 🚗'),
      await sendByApi(request, client, garagiste, 'Surtout au freinage.'),
      await sendByApi(request, garagiste, client, 'Passez donc jeudi 🔧'),
      await sendByApi(request, client, garagiste, 'Je viens de réserver, le devis : https://promoto.test/devis/42'),
      await sendByApi(request, client, garagiste, 'À demain !'),
    ];
    const threeDaysAgo = parisDay(-3, 9);
    const yesterday = parisDay(-1, 14);
    await backdateMessages([
      { id: sent[0].id, createdAt: threeDaysAgo },
      { id: sent[1].id, createdAt: new Date(threeDaysAgo.getTime() + 60_000) },
      { id: sent[2].id, createdAt: yesterday },
    ]);

    const { page } = await logIn(browser, baseURL, client, { viewport: { width: 1280, height: 900 } });
    await page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    await expect(bubbles(page)).toHaveCount(5);

    const weekday = new Intl.DateTimeFormat('fr-FR', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'Europe/Paris',
    });
    const separators = thread(page).locator('li.day');
    await expect(separators).toHaveCount(3);
    expect(await separators.allTextContents()).toEqual([weekday.format(threeDaysAgo), 'Hier', "Aujourd'hui"]);
    // A group shows its time once, on its last bubble.
    await expect(thread(page).locator('li.unread-divider')).toHaveText('Nouveaux messages');
    await expect(bubbles(page).locator('time')).toHaveCount(3);
    await expect(bubble(page, 'Bonjour, ma Clio').locator('time')).toHaveCount(0);
    await expect(bubble(page, 'Surtout au freinage.').locator('time')).toHaveCount(1);
    await expect(bubble(page, 'Je viens de réserver').locator('time')).toHaveCount(0);
    await expect(bubble(page, 'À demain !').locator('time')).toHaveCount(1);
    await expect(
      bubble(page, 'Je viens de réserver').getByRole('link', { name: 'https://promoto.test/devis/42' }),
    ).toHaveAttribute('rel', 'noopener noreferrer');
    await scrollTo(page, 'top');
    await screenshot(page, 'messages-page');
  });

  test('the thread opens at « Nouveaux messages »; « ↓ N nouveaux messages » brings the reader down', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre');
    const client = await register(request, 'client', 'Camille Durand');
    await sendByApi(request, client, garagiste, 'Bonjour, où en est ma voiture ?');
    await sendMany(request, garagiste, client, 25);

    const { page } = await logIn(browser, baseURL, client, { viewport: { width: 1280, height: 720 } });
    await page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    const divider = thread(page).locator('li.unread-divider');
    await expect(divider).toBeInViewport();
    await expect(bubbles(page).nth(1)).toHaveText(/Message 1(?!\d)/);
    await expect(bubble(page, 'Message 25')).not.toBeInViewport();

    // Read to the end, then up again: what arrives now is announced, not scrolled to.
    await scrollTo(page, 'bottom');
    await expect(bubble(page, 'Message 25')).toBeInViewport();
    await scrollTo(page, 'top');
    await sendByApi(request, garagiste, client, 'La voiture est prête.');
    await sendByApi(request, garagiste, client, 'Vous pouvez passer.');
    const jump = page.getByRole('button', { name: '↓ 2 nouveaux messages' });
    await expect(jump).toBeVisible();
    await expect(bubble(page, 'Vous pouvez passer.')).not.toBeInViewport();
    await expect(divider).toHaveCount(1);

    await jump.click();
    await expect(bubble(page, 'Vous pouvez passer.')).toBeInViewport();
    await expect(jump).toHaveCount(0);
  });

  test('a draft survives a reload, per conversation, and goes once sent', async ({ browser, request, baseURL }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre');
    const client = await register(request, 'client', 'Camille Durand');
    await sendByApi(request, client, garagiste, 'Bonjour');

    const { page } = await logIn(browser, baseURL, client);
    await page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    const composer = page.getByLabel('Votre message');
    await composer.fill('Je voulais aussi vous demander');
    await page.reload();
    await expect(composer).toHaveValue('Je voulais aussi vous demander');

    await page.getByRole('link', { name: /Mes rendez-vous/ }).click();
    await page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    await expect(composer).toHaveValue('Je voulais aussi vous demander');
    await composer.press('Enter');
    await expect(bubble(page, 'Je voulais aussi vous demander')).toHaveAttribute('data-status', 'sent');
    await page.reload();
    await expect(composer).toHaveValue('');
  });

  test('an edit and a deletion are seen live by the other person', async ({ browser, request, baseURL }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage des Tilleuls'));
    const client = await register(request, 'client', 'Camille Durand');
    await sendByApi(request, client, garagiste, 'Bonjour, la voiture est prête ?');
    await sendByApi(request, garagiste, client, 'Oui, à quelle heure passez-vous ?');

    const customer = await logIn(browser, baseURL, client);
    await customer.page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.goto(`/garage/messages?user=${client.user.id}`);

    const composer = customer.page.getByLabel('Votre message');
    await composer.fill('Je passe à 9 h');
    await composer.press('Enter');
    const mine = bubble(customer.page, 'Je passe à 9 h');
    await expect(mine).toHaveAttribute('data-status', /^(sent|read)$/);
    await expect(bubble(garage.page, 'Je passe à 9 h')).toHaveCount(1);

    await mine.getByRole('button', { name: 'Modifier' }).click();
    const field = customer.page.getByLabel('Modifier le message');
    await field.fill('Je passe à 10 h');
    await field.press('Enter');
    const edited = bubble(garage.page, 'Je passe à 10 h');
    await expect(edited).toContainText('modifié');
    await expect(bubble(garage.page, 'Je passe à 9 h')).toHaveCount(0);
    const preview = garage.page.getByRole('link', { name: new RegExp(client.user.name) });
    await expect(preview).toContainText('Je passe à 10 h');

    await bubble(customer.page, 'Je passe à 10 h').getByRole('button', { name: 'Supprimer' }).click();
    await expect(bubble(garage.page, 'Message supprimé')).toHaveCount(1);
    await expect(bubble(garage.page, 'Je passe à 10 h')).toHaveCount(0);
    await expect(bubble(customer.page, 'Message supprimé')).toHaveCount(1);
    await expect(preview).not.toContainText('Je passe à 10 h');
    expect(customer.problems).toEqual([]);
    expect(garage.problems).toEqual([]);
  });

  test('the messages page has no accessibility violation (axe-core)', async ({ browser, request, baseURL }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage des Tilleuls'));
    const client = await register(request, 'client', 'Camille Durand');
    await sendByApi(request, client, garagiste, 'Bonjour, voici la photo : https://promoto.test/photo/1');
    await sendByApi(request, garagiste, client, 'Merci, je regarde 👍');

    const { page } = await logIn(browser, baseURL, client);
    await page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    await expect(bubbles(page)).toHaveCount(2);
    await page.getByLabel('Votre message').fill('Brouillon');

    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map(({ id, nodes }) => ({ id, targets: nodes.map((node) => node.target) }))).toEqual([]);
  });

  test('the messages page is interactive in under 1 s (production build)', async ({ browser, request, baseURL }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre');
    const client = await register(request, 'client', 'Camille Durand');
    await sendByApi(request, client, garagiste, 'Bonjour');

    const { page, context } = await logIn(browser, baseURL, client);
    // In the page, from navigation start: when the conversation list is first drawn.
    await context.addInitScript(() => {
      const record = () => {
        if (document.querySelector('app-chat-list .conversations a')) {
          (window as unknown as { listShownAt: number }).listShownAt = performance.now();
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(record);
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto('/app/messages');
    await expect(page.locator('app-chat-list .conversations a')).toHaveCount(1);
    const shownAt = await page.evaluate(() => (window as unknown as { listShownAt?: number }).listShownAt);
    const navigation = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return { domInteractive: entry.domInteractive, loadEventEnd: entry.loadEventEnd };
    });
    console.log(
      `messages page: list drawn at ${shownAt?.toFixed(0)} ms, DOM interactive at ${navigation.domInteractive.toFixed(0)} ms`,
    );
    expect(shownAt).toBeDefined();
    expect(shownAt).toBeLessThan(1000);
    expect(navigation.domInteractive).toBeLessThan(1000);
  });
});
