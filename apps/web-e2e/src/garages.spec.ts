import { expect, test } from '@playwright/test';
import { expectNoAxeViolation } from './support/axe';
import { insertGarages } from './support/database';
import { logIn, register, unique } from './support/users';

test('the garage list says how many garages a search finds and shows the next ones on « Voir plus »', async ({
  browser,
  request,
  baseURL,
}) => {
  const city = unique('Montargis');
  const names = Array.from({ length: 23 }, (_, n) => `Garage ${String(n + 1).padStart(2, '0')}`);
  // Addresses that end with their city, as people type them: the list shows the city once.
  await insertGarages(
    [...names].reverse().map((name, n) => ({ name, city, address: `${23 - n} rue Oberkampf, 45200 ${city}` })),
  );
  const client = await register(request, 'client', 'Camille Durand');
  const { page, problems } = await logIn(browser, baseURL, client);

  await page.getByRole('main').getByRole('link', { name: 'Trouver un garage' }).click();
  await page.getByLabel('Ville').fill(city.toUpperCase());
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const count = page.getByRole('status').filter({ hasText: /garages?\b/ });
  await expect(count).toHaveText('23 garages · 20 affichés');
  const garages = page.getByRole('main').getByRole('listitem');
  const links = page.getByRole('main').getByRole('heading', { level: 2 }).getByRole('link');
  await expect(links).toHaveText(names.slice(0, 20));
  await expect(garages.first()).toContainText(`1 rue Oberkampf, 45200 ${city}`);
  await expect(garages.first()).not.toContainText(`${city}, ${city}`);
  await expectNoAxeViolation(page);

  const more = page.getByRole('button', { name: 'Voir plus' });
  await more.click();
  await expect(links).toHaveText(names);
  await expect(count).toHaveText('23 garages');
  await expect(more).toHaveCount(0);
  // Focus goes to the first garage the page added, not back to the top.
  await expect(links.nth(20)).toBeFocused();
  await expectNoAxeViolation(page);

  // A new search starts again from its first page, the city kept.
  await page.getByLabel('Nom ou service').fill('Garage 2');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(links).toHaveText(['Garage 20', 'Garage 21', 'Garage 22', 'Garage 23']);
  await expect(count).toHaveText('4 garages');
  await expect(more).toHaveCount(0);
  expect(problems).toEqual([]);
  await page.context().close();
});
