import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { serviceWorkerReady } from './support/service-worker';
import { bubble, bubbles, logIn, register, send, storedMessages } from './support/users';

/** The production build's service worker: what lets the app open again without a network. */
test.use({ serviceWorkers: 'allow' });

/** Waits until the app's service worker controls the page and has every file of the app in its cache. */
async function workingOffline(page: Page): Promise<void> {
  await serviceWorkerReady(page);
  await expect
    .poll(() => page.evaluate(async () => (await fetch('/ngsw/state')).text()), { timeout: 30_000 })
    .toMatch(/Latest manifest hash: [0-9a-f]+/);
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const manifest = (await (await fetch('/ngsw.json')).json()) as { assetGroups: { urls: string[] }[] };
          const urls = manifest.assetGroups[0].urls;
          const cached = await Promise.all(urls.map((url) => caches.match(url)));
          return cached.every(Boolean);
        }),
      { timeout: 30_000 },
    )
    .toBe(true);
}

/** What the outbox holds (IndexedDB), oldest first: each message's clientMessageId and its files' names and sizes. */
function queued(page: Page): Promise<{ clientMessageId: string; files: string[] }[]> {
  return page.evaluate(
    () =>
      new Promise<{ clientMessageId: string; files: string[] }[]>((resolve, reject) => {
        const opening = indexedDB.open('promoto', 1);
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const all = opening.result.transaction('outbox', 'readonly').objectStore('outbox').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            const items = all.result as { clientMessageId: string; order: number; files?: { file: File }[] }[];
            resolve(
              items
                .sort((a, b) => a.order - b.order)
                .map((item) => ({
                  clientMessageId: item.clientMessageId,
                  files: (item.files ?? []).map(({ file }) => `${file.name} ${file.size}`),
                })),
            );
            opening.result.close();
          };
        };
      }),
  );
}

/** The clientMessageIds the outbox holds, oldest first. */
async function queuedClientMessageIds(page: Page): Promise<string[]> {
  return (await queued(page)).map((item) => item.clientMessageId);
}

/**
 * A client with the thread with a new garagiste open, the app able to start without a network,
 * then the network gone (the banner says it reconnects).
 */
async function offlineInNewThread(browser: Browser, request: APIRequestContext, baseURL: string | undefined) {
  const garagiste = await register(request, 'garagiste', 'Paul Mercier');
  const client = await register(request, 'client', 'Léa Fontaine');
  const window = await logIn(browser, baseURL, client);
  const { context, page } = window;
  await page.goto(`/app/messages?user=${garagiste.user.id}`);
  await expect(page.getByText("Aucun message pour l'instant. Écrivez le premier !")).toBeVisible();
  await workingOffline(page);
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Reconnexion en cours' })).toBeVisible();
  return { ...window, garagiste, client };
}

test('messages written offline wait, survive a reload, and go out by themselves in order, once each', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { garagiste, client, context, page, problems } = await offlineInNewThread(browser, request, baseURL);
  const texts = ['Mon moteur fait un bruit étrange', 'Et le voyant orange est allumé'];
  for (const text of texts) {
    await page.getByLabel('Votre message').fill(text);
    await send(page);
    await expect(bubble(page, text)).toHaveAttribute('data-status', 'pending');
    await expect(bubble(page, text)).toContainText('🕓');
  }
  await expect.poll(() => queuedClientMessageIds(page)).toHaveLength(2);
  const clientMessageIds = await queuedClientMessageIds(page);

  await page.reload();
  for (const text of texts) await expect(bubble(page, text)).toHaveAttribute('data-status', 'pending');
  await expect(bubbles(page)).toHaveText([new RegExp(texts[0]), new RegExp(texts[1])]);
  expect(await storedMessages(request, client, garagiste)).toHaveLength(0);

  await context.setOffline(false);
  for (const text of texts) await expect(bubble(page, text)).toHaveAttribute('data-status', /^(sent|read)$/);
  await expect(bubbles(page)).toHaveCount(2);
  const stored = await storedMessages(request, client, garagiste);
  expect(stored.map((message) => [message.content, message.clientMessageId])).toEqual([
    [texts[0], clientMessageIds[0]],
    [texts[1], clientMessageIds[1]],
  ]);
  await expect.poll(() => queuedClientMessageIds(page)).toEqual([]);
  // Offline, the app's own errors (the API unreachable) are expected; none once back.
  expect(
    problems.filter((problem) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|ngsw|Socket/i.test(problem)),
  ).toEqual([]);
  await context.close();
});

test('a photo written offline waits with its file, survives a reload, and goes out by itself after the text before it, once', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#8a5a2b' } })
    .jpeg()
    .toBuffer();
  const { garagiste, client, context, page, problems } = await offlineInNewThread(browser, request, baseURL);
  const text = "J'ai trouvé une fuite sous le moteur";
  const caption = 'La fuite, en photo';
  await page.getByLabel('Votre message').fill(text);
  await send(page);
  await page
    .locator('input[type=file][multiple]')
    .setInputFiles({ name: 'fuite.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.getByRole('button', { name: 'Retirer fuite.jpg' })).toBeVisible();
  await page.getByLabel('Votre message').fill(caption);
  await send(page);
  for (const content of [text, caption]) {
    await expect(bubble(page, content)).toHaveAttribute('data-status', 'pending');
    await expect(bubble(page, content)).toContainText('🕓');
  }
  // The outbox holds the photo itself, not a link to it: it must outlive the page.
  await expect
    .poll(() => queued(page))
    .toEqual([
      { clientMessageId: expect.any(String), files: [] },
      { clientMessageId: expect.any(String), files: [`fuite.jpg ${photo.length}`] },
    ]);
  const clientMessageIds = await queuedClientMessageIds(page);

  await page.reload();
  for (const content of [text, caption]) await expect(bubble(page, content)).toHaveAttribute('data-status', 'pending');
  await expect(bubble(page, caption).locator('img.upload-preview')).toBeVisible();
  expect(await storedMessages(request, client, garagiste)).toHaveLength(0);

  await context.setOffline(false);
  for (const content of [text, caption])
    await expect(bubble(page, content)).toHaveAttribute('data-status', /^(sent|read)$/);
  await expect(page.getByRole('button', { name: 'Agrandir la photo fuite.jpg' })).toBeVisible();
  await expect(bubbles(page)).toHaveCount(2);
  const stored = await storedMessages(request, client, garagiste);
  expect(
    stored.map((message) => [
      message.content,
      message.clientMessageId,
      (message.attachments ?? []).map((attachment) => attachment.name),
    ]),
  ).toEqual([
    [text, clientMessageIds[0], []],
    [caption, clientMessageIds[1], ['fuite.jpg']],
  ]);
  await expect.poll(() => queuedClientMessageIds(page)).toEqual([]);
  expect(
    problems.filter((problem) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|ngsw|Socket/i.test(problem)),
  ).toEqual([]);
  await context.close();
});
