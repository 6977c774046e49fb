import { expect, test, type Page } from '@playwright/test';
import { contrastRatio } from './support/contrast';
import { garageOf, logIn, messagesShortcut, onTouchScreen, register, sendByApi, unique } from './support/users';

/** The focused element's outline, and its contrast ratios (WCAG 2) against white and against the page. */
async function focusRing(page: Page) {
  const ring = await page.evaluate(() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body) throw new Error('nothing focused');
    const style = getComputedStyle(focused);
    return {
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      color: style.outlineColor,
      page: getComputedStyle(document.body).backgroundColor,
    };
  });
  return {
    style: ring.style,
    width: ring.width,
    onWhite: contrastRatio(ring.color, 'rgb(255, 255, 255)'),
    onPage: contrastRatio(ring.color, ring.page),
  };
}

test('focus lands on the page’s heading after login and on a garage’s page, in the thread on opening it; the ring is 3:1 or more', async ({
  browser,
  baseURL,
  request,
}) => {
  const city = unique('Vénissieux');
  const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc', city));
  const client = await register(request, 'client', 'Camille Durand');
  await sendByApi(request, client, garagiste, 'Bonjour, ma Clio fait un bruit au freinage.');

  const { page, problems } = await logIn(browser, baseURL, client);
  await expect(page.getByRole('heading', { level: 1, name: 'Mes rendez-vous' })).toBeFocused();

  await page.getByRole('main').getByRole('link', { name: 'Trouver un garage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Trouver un garage' })).toBeFocused();
  await page.getByLabel('Ville').fill(city);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  // Other tests' garages bear this name too: click once the list shows this city's only.
  const garageLink = page.getByRole('link', { name: 'Garage du Parc' });
  await expect(garageLink).toHaveCount(1);
  await garageLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Garage du Parc' })).toBeFocused();

  await messagesShortcut(page).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes messages' })).toBeFocused();
  await page.getByRole('link', { name: /Garage du Parc/ }).click();
  if (onTouchScreen()) {
    // On a phone the keyboard would cover the messages: the thread's heading, one tap from the composer.
    await expect(page.getByRole('heading', { level: 2, name: 'Garage du Parc' })).toBeFocused();
  } else {
    await expect(page.getByLabel('Votre message')).toBeFocused();
  }

  await page.keyboard.press('Shift+Tab');
  const ring = await focusRing(page);
  expect(ring.style).toBe('solid');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(ring.onWhite).toBeGreaterThanOrEqual(3);
  expect(ring.onPage).toBeGreaterThanOrEqual(3);
  expect(problems).toEqual([]);
  await page.context().close();
});
