import { devices, expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { serviceWorkerReady } from './support/service-worker';
import { book, bubbles, garageOf, logIn, logInWithin, register, screenshot } from './support/users';

/** The production build's service worker, as an installed app has it. */
test.use({ serviceWorkers: 'allow' });

/**
 * What the phone's share sheet does once someone picks Promoto: a POST of the files as
 * multipart/form-data to the manifest's share_target action, in this tab.
 */
async function shareFromThePhone(page: Page, file: { name: string; type: string; bytes: number[] }, text: string) {
  await page.evaluate(
    ({ file, text }) => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = '/share-target';
      form.enctype = 'multipart/form-data';
      const files = document.createElement('input');
      files.type = 'file';
      files.name = 'files';
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
      files.files = transfer.files;
      const words = document.createElement('input');
      words.name = 'text';
      words.value = text;
      form.append(files, words);
      document.body.append(form);
      form.submit();
    },
    { file, text },
  );
}

test.describe('installed on a phone', () => {
  test('the app passes Chromium’s installability checks, with maskable icons and a share target', async ({
    playwright,
    launchOptions,
    request,
    baseURL,
  }) => {
    const client = await register(request, 'client', 'Camille Durand');
    // Chromium installs nothing from a private window (a context of Playwright's): a profile on disk.
    const profile = mkdtempSync(join(tmpdir(), 'promoto-installed-'));
    const context = await playwright.chromium.launchPersistentContext(profile, {
      ...launchOptions,
      ...devices['Pixel 7'],
      baseURL,
      locale: 'fr-FR',
      serviceWorkers: 'allow',
    });
    const { page } = await logInWithin(context, client);
    await serviceWorkerReady(page);
    const cdp = await context.newCDPSession(page);

    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const { errors, data } = await cdp.send('Page.getAppManifest');
    expect(errors).toEqual([]);
    const manifest = JSON.parse(data ?? '{}') as {
      icons: { purpose: string; sizes: string }[];
      share_target: { action: string; method: string; params: { files: { accept: string[] }[] } };
    };
    expect(manifest.icons.filter((icon) => icon.purpose === 'maskable').map((icon) => icon.sizes)).toEqual([
      '192x192',
      '512x512',
    ]);
    expect(manifest.share_target).toMatchObject({ action: '/share-target', method: 'POST' });
    expect(manifest.share_target.params.files[0].accept).toEqual(
      expect.arrayContaining(['image/jpeg', 'application/pdf']),
    );
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('a photo shared from the phone opens « Envoyer à… » and lands in the chosen thread', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
    const other = await register(request, 'garagiste', 'Sophie Garnier', garageOf('Atelier Garnier'));
    const client = await register(request, 'client', 'Camille Durand');
    await book(request, client, garagiste, 'Carrosserie');
    await book(request, client, other, 'Vidange');
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#d1242f' } })
      .jpeg()
      .toBuffer();

    const customer = await logIn(browser, baseURL, client);
    await serviceWorkerReady(customer.page);
    await shareFromThePhone(
      customer.page,
      { name: 'portiere.jpg', type: 'image/jpeg', bytes: [...photo] },
      'La portière après le choc',
    );

    await expect(customer.page).toHaveURL(/\/share\?id=[0-9a-f-]{36}$/);
    await expect(customer.page.getByRole('heading', { level: 1, name: 'Envoyer à…' })).toBeVisible();
    await expect(customer.page.getByText('portiere.jpg')).toBeVisible();
    await screenshot(customer.page, 'share-target');
    await customer.page.getByRole('button', { name: /Garage du Parc/ }).tap();

    await expect(customer.page).toHaveURL(`/app/messages?user=${garagiste.user.garageId}`);
    await expect(customer.page.getByRole('button', { name: 'Retirer portiere.jpg' })).toBeVisible();
    await expect(customer.page.getByLabel('Votre message')).toHaveValue('La portière après le choc');
    await customer.page.getByRole('button', { name: 'Envoyer' }).tap();
    await expect(bubbles(customer.page).last()).toHaveAttribute('data-status', /^(sent|read)$/);

    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.goto(`/garage/messages?user=${client.user.id}`);
    const received = bubbles(garage.page).last();
    await expect(received).toContainText('La portière après le choc');
    await expect(received.getByRole('button', { name: 'Agrandir la photo portiere.jpg' })).toBeVisible();

    // The share is gone once sent: coming back to its address offers nothing to send again.
    await customer.page.goBack();
    await expect(customer.page.getByText('Il n’y a plus rien à envoyer')).toBeVisible();
    expect(customer.problems).toEqual([]);
    expect(garage.problems).toEqual([]);
    await Promise.all([customer.context.close(), garage.context.close()]);
  });
});
