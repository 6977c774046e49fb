import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { book, bubbles, conversationEntry, garageOf, logIn, register, screenshot, sendByApi } from './support/users';

/** How far the open thread is from its bottom, in pixels. */
function distanceToBottom(page: Page): Promise<number> {
  return page
    .locator('app-chat-timeline .scroller')
    .evaluate((scroller) => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight);
}

test('a garagiste sends a photo; the client sees its thumbnail live and opens it full screen', async ({
  browser,
  request,
  baseURL,
}) => {
  const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage des Photos'));
  const client = await register(request, 'client', 'Camille Durand');
  await book(request, client, garagiste, 'Carrosserie');
  // A thread longer than the screen: the photo arrives at the bottom of a scrolled thread.
  for (let line = 1; line <= 12; line++)
    await sendByApi(request, client, garagiste, `Question ${line} sur la carrosserie`);
  const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#1f6feb' } })
    .jpeg()
    .toBuffer();

  const customer = await logIn(browser, baseURL, client);
  await customer.page.goto(`/app/messages?user=${garagiste.user.id}`);
  await expect(customer.page.getByRole('heading', { name: 'Garage des Photos' })).toBeVisible();

  const garage = await logIn(browser, baseURL, garagiste);
  await garage.page.goto(`/garage/messages?user=${client.user.id}`);
  await expect(garage.page.getByRole('heading', { name: client.user.name })).toBeVisible();
  // The thread opens at the client's twelve unread questions, under « Nouveaux messages ».
  await expect(garage.page.getByText('Nouveaux messages', { exact: true })).toBeVisible();
  await expect(garage.page.getByRole('button', { name: 'Joindre des photos ou un PDF' })).toBeVisible();
  await garage.page
    .locator('input[type=file][multiple]')
    .setInputFiles({ name: 'piece-usee.jpg', mimeType: 'image/jpeg', buffer: photo });
  const remove = garage.page.getByRole('button', { name: 'Retirer piece-usee.jpg' });
  await expect(remove).toBeVisible();
  await garage.page.getByRole('button', { name: 'Envoyer' }).click();
  await expect(remove).toHaveCount(0);
  // The client has the thread open and reads the photo on arrival: « Envoyé » may last too little to be seen.
  await expect(bubbles(garage.page).last()).toHaveAttribute('data-status', /^(sent|read)$/);

  const thumbnail = customer.page.getByRole('button', { name: 'Agrandir la photo piece-usee.jpg' });
  await expect(thumbnail).toBeVisible();
  await expect
    .poll(() => thumbnail.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
    .toBeGreaterThan(0);
  await expect(conversationEntry(customer.page, 'Garage des Photos')).toContainText('📷 Photo');
  // Both threads end at the photo, once it has loaded: none stops short of the bottom.
  await expect.poll(() => distanceToBottom(customer.page)).toBeLessThan(2);
  const sentPhoto = garage.page.getByRole('button', { name: 'Agrandir la photo piece-usee.jpg' }).locator('img');
  await expect
    .poll(() => sentPhoto.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
    .toBeGreaterThan(0);
  await expect.poll(() => distanceToBottom(garage.page)).toBeLessThan(2);

  await thumbnail.focus();
  await customer.page.keyboard.press('Enter');
  const viewer = customer.page.getByRole('dialog', { name: 'Photo en plein écran' });
  await expect(viewer).toBeVisible();
  const full = viewer.getByRole('img', { name: 'piece-usee.jpg' });
  await expect.poll(() => full.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1600);
  await screenshot(customer.page, 'photo-viewer');
  await customer.page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  expect(customer.problems).toEqual([]);
  expect(garage.problems).toEqual([]);
  await Promise.all([customer.context.close(), garage.context.close()]);
});
