import { expect, test, type Page } from '@playwright/test';
import type { NotificationPreferencesView } from '@promoto/shared-dto';
import { expectUnreadTotal, garageOf, logIn, onTouchScreen, register, sendByApi } from './support/users';

interface RecordingWindow {
  shownNotifications: { title: string; body: string }[];
  setTabHidden(hidden: boolean): void;
}

/**
 * Records the notifications the page shows, and lets the test hide the tab: headless Chromium
 * keeps a page visible, so `visibilityState` is the one thing stood in for.
 */
function recordNotificationsAndVisibility() {
  const recording = window as unknown as Window & RecordingWindow;
  recording.shownNotifications = [];
  const Real = window.Notification;
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      recording.shownNotifications.push({ title, body: options?.body ?? '' });
    }
  }
  window.Notification = Recorded;
  let hidden = false;
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  recording.setTabHidden = (value: boolean) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

const setTabHidden = (page: Page, hidden: boolean) =>
  page.evaluate((value) => (window as unknown as RecordingWindow).setTabHidden(value), hidden);
const shownNotifications = (page: Page) =>
  page.evaluate(() => (window as unknown as RecordingWindow).shownNotifications);

test.describe('notifications in the browser', () => {
  test('a hidden tab counts the unread messages in its title and shows each one when permitted', async ({
    browser,
    baseURL,
    request,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc', garageOf('Garage du Titre'));
    const client = await register(request, 'client', 'Camille');
    const { context, page, problems } = await logIn(browser, baseURL, garagiste, {
      beforeLogin: async (browserContext) => {
        await browserContext.grantPermissions(['notifications']);
        await browserContext.addInitScript(recordNotificationsAndVisibility);
      },
    });
    try {
      const pageTitle = await page.title();
      await setTabHidden(page, true);
      await sendByApi(request, client, garagiste, 'Bonjour, ma voiture est prête ?');
      await expect(page).toHaveTitle('(1) Messages — Promoto');
      await sendByApi(request, client, garagiste, 'Je passe à 18 h.');
      await expect(page).toHaveTitle('(2) Messages — Promoto');
      await expect
        .poll(async () => (await shownNotifications(page)).map((shown) => shown.body))
        .toEqual(['Bonjour, ma voiture est prête ?', 'Je passe à 18 h.']);

      await setTabHidden(page, false);
      await expect(page).toHaveTitle(pageTitle);
      await sendByApi(request, client, garagiste, 'Vous me voyez ?');
      // Visible again: the message only moves the badge.
      await expectUnreadTotal(page, 3);
      await expect(page).toHaveTitle(pageTitle);
      expect(await shownNotifications(page)).toHaveLength(2);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the settings page saves the e-mail preferences, which the API then holds', async ({
    browser,
    baseURL,
    request,
  }) => {
    const client = await register(request, 'client', 'Camille');
    const { context, page, problems } = await logIn(browser, baseURL, client);
    try {
      if (onTouchScreen()) {
        await page
          .locator('app-tab-bar')
          .getByRole('link', { name: /Réglages/ })
          .click();
      } else {
        await page.getByRole('button', { name: /Menu de Camille/ }).click();
        await page.getByRole('link', { name: 'Paramètres' }).click();
      }
      await expect(page).toHaveURL(/\/app\/settings$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paramètres');

      const emailEnabled = page.getByLabel('M’envoyer un e-mail quand un message reste non lu');
      await expect(emailEnabled).toBeChecked();
      await page.getByLabel('Délai avant l’e-mail').selectOption({ label: '1 heure' });
      await emailEnabled.uncheck();
      // E-mails off: their delay cannot be changed, and is kept for when they are on again.
      await expect(page.getByLabel('Délai avant l’e-mail')).toBeDisabled();
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Préférences enregistrées.' })).toBeVisible();

      const stored = await request.get('/api/notifications/preferences', {
        headers: { Authorization: `Bearer ${client.token}` },
      });
      expect((await stored.json()) as NotificationPreferencesView).toMatchObject({
        emailEnabled: false,
        emailDelaySeconds: 3600,
      });
      await page.reload();
      await expect(page.getByLabel('M’envoyer un e-mail quand un message reste non lu')).not.toBeChecked();
      await expect(page.getByLabel('Délai avant l’e-mail')).toHaveValue('3600');
      await expect(page.getByLabel('Délai avant l’e-mail')).toBeDisabled();
      await page.getByLabel('M’envoyer un e-mail quand un message reste non lu').check();
      await expect(page.getByLabel('Délai avant l’e-mail')).toBeEnabled();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
