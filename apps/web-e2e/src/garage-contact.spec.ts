import { expect, test } from '@playwright/test';
import type { AppointmentView } from '@promoto/shared-dto';
import { chooseFirstSlot, garageOf, logIn, register, unique } from './support/users';

test('right after booking from a garage’s page, « 💬 Contacter » opens the thread about that booking', async ({
  browser,
  baseURL,
  request,
}) => {
  const city = unique('Bron');
  const garagiste = await register(request, 'garagiste', 'Nadia Perrin', garageOf('Atelier Perrin', city));
  const client = await register(request, 'client', 'Camille Durand');
  const { page, problems } = await logIn(browser, baseURL, client);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /rendez-vous/);

  await page.goto(`/app/garage/${garagiste.user.garageId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Atelier Perrin' })).toBeVisible();
  await chooseFirstSlot(page, 'Créneau');
  await page.getByLabel('Prestation').fill('Distribution');
  const created = page.waitForResponse(
    (response) => response.url().endsWith('/api/appointments') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Demander le rendez-vous' }).click();
  const booking = (await (await created).json()) as AppointmentView;
  await expect(page.getByRole('status')).toContainText('Votre demande de rendez-vous est envoyée.');

  await page.getByRole('main').getByRole('link', { name: '💬 Contacter' }).click();
  await expect(page).toHaveURL(new RegExp(`appointment=${booking.id}`));
  await expect(page.locator('#chat-about')).toHaveValue(booking.id);
  expect(problems).toEqual([]);
  await page.context().close();
});
