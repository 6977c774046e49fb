import { expect, test } from '@playwright/test';
import { parisDay } from './support/paris-days';
import { addVehicle, book, garageOf, logIn, register, screenshot, showThreadActions } from './support/users';

test.describe('reminders on a vehicle', () => {
  test('the garagiste schedules and cancels a reminder from the thread; at its date the client books with the vehicle chosen', async ({
    browser,
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
    const client = await register(request, 'client', 'Camille Durand');
    const clio = await addVehicle(request, client);
    await book(request, client, garagiste, 'Vidange', clio.id);

    // From the vehicle in the thread's header to « Rappels », the vehicle chosen.
    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.goto(`/garage/messages?user=${client.user.id}`);
    await showThreadActions(garage.page);
    await garage.page.getByRole('link', { name: '🔔 Programmer un rappel' }).click();
    await expect(garage.page.getByRole('heading', { level: 1, name: 'Rappels' })).toBeVisible();
    await expect(garage.page.getByLabel('Véhicule')).toHaveValue(clio.id);
    await garage.page.getByLabel('Rappel', { exact: true }).fill('Vidange dans 6 mois');
    await garage.page.getByLabel('Date').fill(parisDay(1, 12).toISOString().slice(0, 10));
    await garage.page.getByRole('button', { name: 'Programmer' }).click();
    const upcoming = garage.page.locator('li.reminder', { hasText: 'Vidange dans 6 mois' });
    await expect(upcoming).toContainText('Camille Durand — Renault Clio · AB-123-CD');
    await screenshot(garage.page, 'reminders');
    await upcoming.getByRole('button', { name: 'Annuler le rappel « Vidange dans 6 mois » de Camille Durand' }).click();
    await expect(upcoming).toHaveCount(0);
    await expect(garage.page.getByText('Aucun rappel à venir.')).toBeVisible();

    // One due in two seconds: the client's open thread shows it live, and « Prendre rendez-vous » books with the Clio.
    const customer = await logIn(browser, baseURL, client);
    await customer.page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    await expect(customer.page.getByRole('log').locator('li.notice')).toHaveCount(1);
    const response = await request.post('/api/reminders', {
      headers: { Authorization: `Bearer ${garagiste.token}` },
      data: {
        vehicleId: clio.id,
        text: 'Contrôle technique avant le 12/05',
        dueAt: new Date(Date.now() + 2_000).toISOString(),
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    const reminder = customer.page.getByRole('log').locator('li.notice', { hasText: 'Contrôle technique' });
    // The browser tests' server runs a second API process on the same database, without Redis (for
    // the short sessions' tests): whichever process claims the reminder sends it, live to this page
    // only when it is this page's process. The thread, reloaded, shows it either way.
    await expect(async () => {
      if ((await reminder.count()) === 0) await customer.page.reload();
      await expect(reminder).toContainText(
        'Rappel de Garage du Parc pour votre Renault Clio · AB-123-CD : Contrôle technique avant le 12/05',
        { timeout: 3_000 },
      );
    }).toPass({ timeout: 30_000 });
    await screenshot(customer.page, 'reminder-in-thread');
    await reminder.getByRole('link', { name: '📅 Prendre rendez-vous' }).click();
    await expect(customer.page.getByRole('heading', { level: 1, name: 'Garage du Parc' })).toBeVisible();
    await expect(customer.page.getByLabel('Véhicule (facultatif)')).toHaveValue(clio.id);

    expect(customer.problems).toEqual([]);
    expect(garage.problems).toEqual([]);
  });
});
