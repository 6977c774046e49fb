import { expect, test } from '@playwright/test';
import { book, bubbles, expectUnreadTotal, garageOf, logIn, register, screenshot, send } from './support/users';

test.describe('booking events in the thread', () => {
  test('the garagiste confirms a booking; the client sees the notice live, and the booking marked confirmed', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
    const client = await register(request, 'client', 'Camille Durand');
    const appointment = await book(request, client, garagiste, 'Distribution');

    const customer = await logIn(browser, baseURL, client);
    await customer.page.goto(`/app/messages?user=${garagiste.user.id}&appointment=${appointment.id}`);
    const notices = customer.page.getByRole('log').locator('li.notice');
    await expect(notices).toHaveCount(1);
    await expect(notices.first()).toContainText(/^Rendez-vous demandé — \S+ \d+ \S+ à \d+ h, Distribution/);
    await expect(bubbles(customer.page)).toHaveCount(0);

    const garage = await logIn(browser, baseURL, garagiste);
    const bookings = garage.page.getByRole('region', { name: 'Rendez-vous du garage' });
    await expect(bookings.getByText(client.user.name)).toBeVisible();
    await bookings.getByRole('button', { name: 'Confirmer' }).click();

    // Live, without a reload: the notice, worded from its payload in the reader's time zone.
    await expect(notices).toHaveCount(2);
    await expect(notices.nth(1)).toContainText(/^Rendez-vous confirmé — \S+ \d+ \S+ à \d+ h, Distribution/);
    // The open thread reads it on arrival, as any message.
    await expectUnreadTotal(customer.page, 0);
    await screenshot(customer.page, 'booking-notice');

    // A message about the booking carries its marker, which shows the status the notice left.
    const composer = customer.page.getByLabel('Votre message');
    await composer.fill('Merci, à bientôt !');
    await send(customer.page);
    await expect(bubbles(customer.page).first()).toContainText('À propos du rendez-vous : Distribution');
    await expect(bubbles(customer.page).first()).toContainText('· Confirmé');

    expect(customer.problems).toEqual([]);
    expect(garage.problems).toEqual([]);
  });
});
