import { expect, test, type Locator } from '@playwright/test';
import { contrastRatio } from './support/contrast';
import { bubble, garageOf, logIn, register, sendByApi } from './support/users';

/** The contrast ratio (WCAG 2) of a link's text against its bubble's background, both as the browser computed them. */
async function linkContrast(link: Locator): Promise<number> {
  const { text, background } = await link.evaluate((anchor) => {
    const bubble = anchor.closest('li.message');
    if (!bubble) throw new Error('a link outside a bubble');
    return { text: getComputedStyle(anchor).color, background: getComputedStyle(bubble).backgroundColor };
  });
  return contrastRatio(text, background);
}

test('links read on both bubble colours, and a long address shows shortened with its host, inside the bubble', async ({
  browser,
  baseURL,
  request,
}) => {
  const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
  const client = await register(request, 'client', 'Camille Durand');
  const longAddress = `https://www.garage-du-parc.test/rendez-vous/confirmation?reference=${'A1B2C3D4E5'.repeat(8)}`;
  await sendByApi(request, client, garagiste, `Mon devis : https://promoto.test/devis et ${longAddress}`);
  await sendByApi(request, garagiste, client, 'Le plan : https://promoto.test/plan-acces');
  const { page, problems } = await logIn(browser, baseURL, client);
  await page.goto(`/app/messages?user=${garagiste.user.id}`);

  const theirs = bubble(page, 'Le plan').getByRole('link', { name: 'https://promoto.test/plan-acces' });
  const mine = bubble(page, 'Mon devis').getByRole('link', { name: 'https://promoto.test/devis' });
  for (const link of [theirs, mine]) {
    await expect(link).toBeVisible();
    expect(await linkContrast(link)).toBeGreaterThanOrEqual(4.5);
  }

  const long = bubble(page, 'Mon devis').getByRole('link', { name: /^www\.garage-du-parc\.test\/rendez-vous/ });
  await expect(long).toHaveAttribute('href', longAddress);
  await expect(long).toHaveText('www.garage-du-parc.test/rendez-vous/confirm…');
  expect(await linkContrast(long)).toBeGreaterThanOrEqual(4.5);
  const linkBox = await long.boundingBox();
  const bubbleBox = await bubble(page, 'Mon devis').boundingBox();
  const screen = page.viewportSize();
  expect(linkBox && bubbleBox && screen).toBeTruthy();
  if (!linkBox || !bubbleBox || !screen) return;
  expect(linkBox.height).toBeGreaterThan(0);
  expect(linkBox.x).toBeGreaterThanOrEqual(bubbleBox.x);
  expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(bubbleBox.x + bubbleBox.width + 0.5);
  expect(bubbleBox.x + bubbleBox.width).toBeLessThanOrEqual(screen.width);
  expect(problems).toEqual([]);
  await page.context().close();
});
