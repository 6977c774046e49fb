import { expect, test } from '@playwright/test';
import { expectNoAxeViolation } from './support/axe';
import {
  book,
  chooseFirstSlot,
  garageOf,
  logIn,
  register,
  screenshot,
  send,
  storedMessages,
  unique,
} from './support/users';

test.describe('bookings: free slots, explicit actions, live lists, opening hours', () => {
  test('a client books a free slot; the garagiste confirms and moves it, the client cancels with a reason, each list following live', async ({
    browser,
    baseURL,
    request,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Nadia Perrin', garageOf('Atelier Perrin', unique('Bron')));
    const client = await register(request, 'client', 'Camille Durand');
    const garage = await logIn(browser, baseURL, garagiste);
    const bookings = garage.page.getByRole('region', { name: 'Rendez-vous du garage' });
    await expect(bookings.getByText("Aucun rendez-vous pour l'instant.")).toBeVisible();

    // The client books one of the garage's free slots from its page.
    const customer = await logIn(browser, baseURL, client);
    await customer.page.goto(`/app/garage/${garagiste.user.garageId}`);
    const chosen = await chooseFirstSlot(customer.page, 'Créneau');
    await customer.page.getByLabel('Prestation').fill('Distribution');
    await customer.page.getByRole('button', { name: 'Demander le rendez-vous' }).click();
    await expect(customer.page.getByRole('status')).toContainText('Votre demande de rendez-vous est envoyée.');

    // The garagiste's dashboard shows it without a reload.
    const booking = bookings.getByRole('listitem').filter({ hasText: 'Camille Durand' });
    await expect(booking.locator('.status')).toHaveText('En attente');
    await expect(booking.locator('time')).toHaveAttribute('datetime', chosen);

    // The client watches « Mes rendez-vous ».
    await customer.page.goto('/app/appointments');
    const mine = customer.page.getByRole('listitem').filter({ hasText: 'Atelier Perrin' });
    await expect(mine.locator('.status')).toHaveText('En attente');

    // Focus and arrow keys change nothing; « Confirmer » does.
    const confirm = booking.getByRole('button', { name: 'Confirmer' });
    await confirm.focus();
    await garage.page.keyboard.press('ArrowDown');
    await garage.page.keyboard.press('ArrowUp');
    await expect(booking.locator('.status')).toHaveText('En attente');
    await confirm.click();
    await expect(booking.locator('.status')).toHaveText('Confirmé');
    await expect(mine.locator('.status')).toHaveText('Confirmé');
    await expectNoAxeViolation(garage.page);

    // « Déplacer »: another free slot, live on the client's list.
    await booking.getByRole('button', { name: 'Déplacer' }).click();
    const move = garage.page.getByRole('dialog', { name: 'Déplacer le rendez-vous' });
    const later = await chooseFirstSlot(move, 'Nouveau créneau');
    expect(later).not.toBe(chosen);
    await expectNoAxeViolation(garage.page);
    await screenshot(garage.page, 'booking-move');
    await move.getByRole('button', { name: 'Déplacer ici' }).click();
    await expect(move).toBeHidden();
    await expect(booking.locator('time')).toHaveAttribute('datetime', later);
    await expect(mine.locator('time')).toHaveAttribute('datetime', later);

    // « Annuler… » asks first; the reason goes into the notice; the dashboard follows live.
    await mine.getByRole('button', { name: 'Annuler…' }).click();
    const cancel = customer.page.getByRole('dialog', { name: 'Annuler le rendez-vous ?' });
    await cancel.getByRole('button', { name: 'Garder le rendez-vous' }).click();
    await expect(cancel).toBeHidden();
    await expect(mine.locator('.status')).toHaveText('Confirmé');
    await mine.getByRole('button', { name: 'Annuler…' }).click();
    await cancel.getByLabel('Motif (facultatif)').fill('Empêchement de dernière minute');
    await expectNoAxeViolation(customer.page);
    await cancel.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click();
    await expect(mine.locator('.status')).toHaveText('Annulé');
    await expect(booking.locator('.status')).toHaveText('Annulé');
    await expect(booking.getByRole('button', { name: 'Déplacer' })).toHaveCount(0);
    await expectNoAxeViolation(customer.page);
    await screenshot(customer.page, 'appointments-live');

    const notices = (await storedMessages(request, client, garagiste)).filter(
      (message) => message.kind === 'booking-event',
    );
    expect(notices.map((notice) => notice.bookingEvent?.action)).toEqual([
      'created',
      'confirmed',
      'moved',
      'cancelled',
    ]);
    expect(notices[3].content).toMatch(/\. Motif : Empêchement de dernière minute$/);

    expect(garage.problems).toEqual([]);
    expect(customer.problems).toEqual([]);
    await garage.context.close();
    await customer.context.close();
  });

  test('the owner closes the garage today; a client writing gets the away notice once, and moves the booking from the thread', async ({
    browser,
    baseURL,
    request,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
    const client = await register(request, 'client', 'Julien Roux');
    const appointment = await book(request, client, garagiste, 'Vidange');

    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.getByRole('link', { name: '🕒 Horaires d’ouverture' }).click();
    await expect(garage.page.getByRole('heading', { level: 1, name: 'Horaires d’ouverture' })).toBeVisible();
    await expect(garage.page.getByText('Vous n’avez pas encore défini vos horaires')).toBeVisible();
    await expect(garage.page.getByLabel('Lundi : ouverture')).toHaveValue('08:00');
    await garage.page.getByRole('button', { name: 'Ajouter une fermeture' }).click();
    await garage.page.getByLabel('Fermeture 1 : motif (facultatif)').fill('Inventaire');
    await expectNoAxeViolation(garage.page);
    await garage.page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
    await expect(garage.page.getByRole('status')).toHaveText('Horaires enregistrés.');
    await expect(garage.page.getByText('Vous n’avez pas encore défini vos horaires')).toHaveCount(0);
    await screenshot(garage.page, 'opening-hours');

    const customer = await logIn(browser, baseURL, client);
    await customer.page.goto(`/app/messages?user=${garagiste.user.id}&appointment=${appointment.id}`);
    const notices = customer.page.getByRole('log').locator('li.notice');
    await expect(notices).toHaveCount(1);
    await customer.page.getByLabel('Votre message').fill('Bonjour, êtes-vous ouverts aujourd’hui ?');
    await send(customer.page);
    await expect(notices).toHaveCount(2);
    await expect(notices.nth(1)).toContainText(/^Le garage est fermé ; nous vous répondons dès /);
    await customer.page.getByLabel('Votre message').fill('Merci, à demain alors.');
    await send(customer.page);
    await expect(customer.page.getByRole('log').locator('li.message').last()).toContainText('Merci, à demain alors.');
    await expect(notices).toHaveCount(2);

    // The booking's line in the thread's header moves it.
    await customer.page
      .getByRole('region', { name: 'Garage du Parc' })
      .getByRole('button', { name: 'Déplacer' })
      .click();
    const move = customer.page.getByRole('dialog', { name: 'Déplacer le rendez-vous' });
    await chooseFirstSlot(move, 'Nouveau créneau');
    await move.getByRole('button', { name: 'Déplacer ici' }).click();
    await expect(notices).toHaveCount(3);
    await expect(notices.nth(2)).toContainText(/^Rendez-vous déplacé — /);
    await expectNoAxeViolation(customer.page);

    expect(garage.problems).toEqual([]);
    expect(customer.problems).toEqual([]);
    await garage.context.close();
    await customer.context.close();
  });

  test('two clients choose the same free slot: the second is told in French it was just taken, and it is offered no more', async ({
    browser,
    baseURL,
    request,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Nadia Perrin', garageOf('Atelier Perrin', unique('Bron')));
    const first = await logIn(browser, baseURL, await register(request, 'client', 'Camille Durand'));
    const second = await logIn(browser, baseURL, await register(request, 'client', 'Julien Roux'));
    const chosen: string[] = [];
    for (const { page } of [first, second]) {
      await page.goto(`/app/garage/${garagiste.user.garageId}`);
      chosen.push(await chooseFirstSlot(page, 'Créneau'));
      await page.getByLabel('Prestation').fill('Vidange');
    }
    expect(chosen[1]).toBe(chosen[0]);
    const slot = (page: typeof first.page) =>
      page.getByRole('group', { name: 'Créneau' }).locator(`input[type=radio][value="${chosen[0]}"]`);

    await first.page.getByRole('button', { name: 'Demander le rendez-vous' }).click();
    await expect(first.page.getByRole('status')).toContainText('Votre demande de rendez-vous est envoyée.');
    // The booked slot leaves the list it was chosen from.
    await expect(first.page.getByRole('group', { name: 'Créneau' }).getByRole('radio').first()).toBeVisible();
    await expect(slot(first.page)).toHaveCount(0);

    await second.page.getByRole('button', { name: 'Demander le rendez-vous' }).click();
    await expect(second.page.getByRole('alert').filter({ hasText: 'Ce créneau vient d’être pris' })).toHaveText(
      'Ce créneau vient d’être pris : choisissez-en un autre.',
    );
    await expect(second.page.getByRole('group', { name: 'Créneau' }).getByRole('radio').first()).toBeVisible();
    await expect(slot(second.page)).toHaveCount(0);
    await expectNoAxeViolation(second.page);

    // Another free slot goes through.
    await chooseFirstSlot(second.page, 'Créneau');
    await second.page.getByRole('button', { name: 'Demander le rendez-vous' }).click();
    await expect(second.page.getByRole('status')).toContainText('Votre demande de rendez-vous est envoyée.');
    expect(first.problems).toEqual([]);
    // The refusal is the page's own message, not a console error beyond the 409 the browser logs.
    expect(second.problems.filter((problem) => !/409/.test(problem))).toEqual([]);
    await first.context.close();
    await second.context.close();
  });
});
