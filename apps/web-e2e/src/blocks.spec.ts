import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolation } from './support/axe';
import { bubble, garageOf, logIn, onTouchScreen, register, screenshot, send, sendByApi } from './support/users';

const NEUTRAL_REFUSAL = 'Ce message ne peut pas être envoyé : cette conversation n’accepte plus de nouveaux messages.';

/** Nothing wider than the screen. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.window);
}

test.describe('block, unblock and report', () => {
  test('a client blocks a garage from the thread, the garage is refused neutrally, the client unblocks from the settings; a garage blocks and unblocks from the thread', async ({
    browser,
    baseURL,
    request,
  }) => {
    test.setTimeout(120_000);
    const garagiste = await register(request, 'garagiste', 'Marc', garageOf('Garage du Calme'));
    const client = await register(request, 'client', 'Camille Tranquille');
    await sendByApi(request, client, garagiste, 'Bonjour, où en est ma voiture ?');
    const customer = await logIn(browser, baseURL, client);
    const garage = await logIn(browser, baseURL, garagiste);
    try {
      await customer.page.goto(`/app/messages?user=${garagiste.user.id}`);
      await expect(customer.page.locator('#chat-title')).toHaveText('Garage du Calme');
      await customer.page.getByRole('button', { name: 'Plus d’actions' }).click();
      await customer.page.getByRole('button', { name: 'Bloquer Garage du Calme' }).click();
      await expect(customer.page.getByText(/^Bloquer Garage du Calme \?/)).toBeVisible();
      await expectNoSidewaysScroll(customer.page);
      await screenshot(customer.page, 'block-confirm');
      await customer.page.locator('#thread-block-panel').getByRole('button', { name: 'Bloquer', exact: true }).click();
      const notice = customer.page.getByRole('status').filter({ hasText: 'Vous avez bloqué Garage du Calme' });
      await expect(notice).toBeVisible();
      // The history stays; nothing can be written.
      await expect(bubble(customer.page, 'Bonjour, où en est ma voiture ?')).toHaveCount(1);
      await expect(customer.page.getByLabel('Votre message')).toHaveCount(0);
      await expectNoSidewaysScroll(customer.page);
      await screenshot(customer.page, 'blocked-thread');

      // The garage may type, but its message is refused without saying it was blocked.
      await garage.page.goto(`/garage/messages?user=${client.user.id}`);
      await expect(garage.page.locator('#chat-title')).toHaveText('Camille Tranquille');
      await garage.page.getByLabel('Votre message').fill('Votre voiture est prête');
      await send(garage.page);
      const refused = bubble(garage.page, 'Votre voiture est prête');
      await expect(refused).toHaveAttribute('data-status', 'failed');
      await expect(refused.getByRole('alert')).toHaveText(NEUTRAL_REFUSAL);
      await expect(customer.page.getByText('Votre voiture est prête')).toHaveCount(0);

      // « Comptes bloqués » in the client's settings: unblocked there.
      await customer.page.goto('/app/settings');
      const blocked = customer.page.getByRole('region', { name: 'Comptes bloqués' });
      await expect(blocked.getByText('Garage du Calme')).toBeVisible();
      await expectNoSidewaysScroll(customer.page);
      await screenshot(customer.page, 'blocked-accounts');
      await expectNoAxeViolation(customer.page);
      await blocked.getByRole('button', { name: 'Débloquer Garage du Calme' }).click();
      await expect(blocked.getByRole('status')).toHaveText('Garage du Calme est débloqué.');
      await expect(blocked.getByText('Vous n’avez bloqué personne.')).toBeVisible();

      // The garage's retry now goes through.
      await refused.getByRole('button', { name: 'Réessayer' }).click();
      await expect(refused).toHaveAttribute('data-status', /sent|read/);
      await customer.page.goto(`/app/messages?user=${garagiste.user.id}`);
      await expect(bubble(customer.page, 'Votre voiture est prête')).toHaveCount(1);

      // A garage's member blocks the client from the thread, and unblocks there.
      await garage.page.getByRole('button', { name: 'Plus d’actions' }).click();
      await garage.page.getByRole('button', { name: 'Bloquer Camille Tranquille' }).click();
      await garage.page.locator('#thread-block-panel').getByRole('button', { name: 'Bloquer', exact: true }).click();
      const garageNotice = garage.page.getByRole('status').filter({ hasText: 'Vous avez bloqué Camille Tranquille' });
      await expect(garageNotice).toBeVisible();
      await expect(garage.page.getByLabel('Votre message')).toHaveCount(0);
      await expectNoAxeViolation(garage.page);
      await customer.page.getByLabel('Votre message').fill('Merci beaucoup !');
      await send(customer.page);
      await expect(bubble(customer.page, 'Merci beaucoup !').getByRole('alert')).toHaveText(NEUTRAL_REFUSAL);
      await garageNotice.getByRole('button', { name: 'Débloquer' }).click();
      await expect(garageNotice).toHaveCount(0);
      await expect(garage.page.getByLabel('Votre message')).toBeVisible();
      await garage.page.getByLabel('Votre message').fill('À bientôt');
      await send(garage.page);
      await expect(bubble(customer.page, 'À bientôt')).toHaveCount(1);
      expect(customer.problems).toEqual([]);
      // Sent before the socket connected, the refused message went over HTTP, whose 403 the
      // browser logs itself; nothing else may be logged.
      expect(garage.problems.filter((problem) => !problem.includes('status of 403 (Forbidden)'))).toEqual([]);
    } finally {
      await customer.context.close();
      await garage.context.close();
    }
  });

  test('a message of the other side is reported with a reason, and the report acknowledged', async ({
    browser,
    baseURL,
    request,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc', garageOf('Garage Pressant'));
    const client = await register(request, 'client', 'Camille Signale');
    await sendByApi(request, client, garagiste, 'Bonjour');
    await sendByApi(request, garagiste, client, 'Payez maintenant par virement ou perdez votre place');
    const customer = await logIn(browser, baseURL, client);
    try {
      await customer.page.goto(`/app/messages?user=${garagiste.user.id}`);
      // With a mouse, the message's own « Signaler ce message »; on a phone (a long press there
      // opens it too), the thread's « Signaler », for the whole conversation.
      const suspicious = bubble(customer.page, 'Payez maintenant');
      await expect(suspicious).toHaveCount(1);
      const title = onTouchScreen() ? 'Signaler cette conversation' : 'Signaler ce message';
      if (onTouchScreen()) {
        await customer.page.getByRole('button', { name: 'Plus d’actions' }).tap();
        await customer.page.getByRole('button', { name: 'Signaler la conversation avec Garage Pressant' }).tap();
      } else {
        await suspicious.getByRole('button', { name: 'Signaler ce message' }).click();
        // My own messages offer no « Signaler ».
        await expect(bubble(customer.page, 'Bonjour').getByRole('button', { name: 'Signaler ce message' })).toHaveCount(
          0,
        );
      }
      const form = customer.page.getByRole('form', { name: title });
      await form.getByLabel('Arnaque ou fraude').check();
      await form.getByLabel(/^Précisez/).fill('Demande de virement avant le rendez-vous');
      await expectNoSidewaysScroll(customer.page);
      await screenshot(customer.page, 'report-form');
      await expectNoAxeViolation(customer.page);
      await form.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await expect(
        customer.page.getByRole('status').filter({ hasText: 'votre signalement a bien été reçu' }),
      ).toBeVisible();
      expect(customer.problems).toEqual([]);
    } finally {
      await customer.context.close();
    }
  });
});
