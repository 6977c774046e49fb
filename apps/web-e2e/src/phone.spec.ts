import AxeBuilder from '@axe-core/playwright';
import { expect, test, type CDPSession, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { inviteByApi } from './support/invitations';
import {
  book,
  bubble,
  bubbles,
  garageOf,
  logIn,
  markRead,
  register,
  screenshot,
  sendByApi,
  type Account,
} from './support/users';

/** What a phone screen must hold: nothing wider than the screen, targets a finger can hit, no axe violation. */
interface PageProblems {
  overflowing: string[];
  smallTargets: string[];
}

/**
 * Every element's box within the screen's width (unless an ancestor that fits clips it, as a
 * visually hidden text is clipped), the document no wider than the screen, and every button, link,
 * field and option at least 44 × 44 px (links inside a sentence excepted, as WCAG does).
 */
function problemsOn(page: Page): Promise<PageProblems> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const describe = (element: Element, box: DOMRect) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${[...element.classList].join('.')} ` +
      `"${(element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.left)}–${Math.round(box.right)}×${Math.round(box.height)}`;
    const clipped = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX === 'visible' && style.clip === 'auto') continue;
        const box = parent.getBoundingClientRect();
        if (box.left >= -1 && box.right <= width + 1) return true;
      }
      return false;
    };
    const overflowing: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      overflowing.push(`document ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if ((box.left < -1 || box.right > width + 1) && !clipped(element)) overflowing.push(describe(element, box));
    }
    const smallTargets: string[] = [];
    const targets = document.querySelectorAll(
      'a[href], button, input:not([type="hidden"]), select, textarea, [role="option"]',
    );
    for (const target of targets) {
      const inSentence = target.tagName === 'A' && target.parentElement?.matches('p, .content, .hint, li > span');
      if (inSentence || target.closest('.visually-hidden, .skip-link, [hidden]')) continue;
      const measured = target.matches('input[type="checkbox"], input[type="radio"]')
        ? (target.closest('label') ?? target)
        : target;
      const box = measured.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < 43.5 || box.height < 43.5) smallTargets.push(describe(target, box));
    }
    return { overflowing, smallTargets };
  });
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(({ id, nodes }) => ({ id, targets: nodes.map((node) => node.target) }));
}

/**
 * One page as a phone shows it: nothing sideways and targets big enough at the project's width, at
 * 320 px and with the text at 200 %; no axe violation.
 */
async function checkPage(page: Page, path: string, ready: (page: Page) => Promise<void>) {
  await page.goto(path);
  await ready(page);
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  // Named without ids or an invitation's secret: one screenshot per page, whatever the run.
  const name = path
    .replace(/#.*/, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/-[0-9a-f]{24}/g, '');
  await screenshot(page, `page${name}`);
  expect({ path, ...(await problemsOn(page)) }).toEqual({ path, overflowing: [], smallTargets: [] });
  expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
  await page.setViewportSize({ width: 320, height: viewport.height });
  expect({ path, at: 320, ...(await problemsOn(page)) }).toEqual({ path, at: 320, overflowing: [], smallTargets: [] });
  await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
  expect({ path, at: '320, text 200 %', overflowing: (await problemsOn(page)).overflowing }).toEqual({
    path,
    at: '320, text 200 %',
    overflowing: [],
  });
  await page.setViewportSize(viewport);
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};
const threadReady = async (page: Page) => {
  await expect(bubbles(page).first()).toBeVisible();
};

/** A thread where both people wrote, about a booking, with a photo, for the pages to show. */
async function garageWithAClient(request: Parameters<typeof register>[0]) {
  const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
  const client = await register(request, 'client', 'Camille Durand');
  await book(request, client, garagiste, 'Distribution');
  await sendByApi(request, client, garagiste, 'Bonjour, ma Clio fait un bruit au freinage, pouvez-vous regarder ?');
  await sendByApi(request, garagiste, client, 'Bien sûr, passez demain matin : https://promoto.test/plan-acces');
  return { garagiste, client };
}

function touchScreen(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

/** A finger on the middle of what the locator shows, where it is now (a control that goes away once tapped). */
async function tapOn(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('nothing to tap');
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

test.describe('on a phone', () => {
  test('no page is wider than the screen (320 px and 200 % text too), every target takes a finger, axe finds nothing', async ({
    browser,
    request,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const { garagiste, client } = await garageWithAClient(request);
    const { link } = await inviteByApi(request, garagiste, 'staff');
    const visitor = await browser.newContext({ baseURL });
    const guestPage = await visitor.newPage();
    await checkPage(guestPage, '/login', heading('Connexion'));
    await checkPage(guestPage, '/register', heading('Créer un compte'));
    await checkPage(guestPage, `${link.pathname}${link.hash}`, async (page) => {
      await expect(page.getByRole('button', { name: 'Créer mon compte et rejoindre' })).toBeVisible();
    });
    await visitor.close();

    const customer = await logIn(browser, baseURL, client);
    await checkPage(customer.page, '/app/appointments', heading('Mes rendez-vous'));
    await checkPage(customer.page, '/app/garages', heading('Trouver un garage'));
    await checkPage(customer.page, `/app/garage/${garagiste.user.garageId}`, heading('Garage du Parc'));
    await checkPage(customer.page, '/app/messages', heading('Mes messages'));
    await checkPage(customer.page, `/app/messages?user=${garagiste.user.garageId}`, threadReady);
    await checkPage(customer.page, '/app/vehicles', heading('Mes véhicules'));
    await checkPage(customer.page, '/app/vehicles/new', heading('Ajouter un véhicule'));
    await checkPage(customer.page, '/app/settings', heading('Paramètres'));
    await checkPage(customer.page, '/share', heading('Envoyer à…'));

    const garage = await logIn(browser, baseURL, garagiste);
    await checkPage(garage.page, '/garage', heading(/Garage du Parc/));
    await checkPage(garage.page, '/garage/messages', heading('Messages clients'));
    await checkPage(garage.page, `/garage/messages?user=${client.user.id}`, threadReady);
    await checkPage(garage.page, '/garage/quick-replies', heading('Réponses rapides'));
    await checkPage(garage.page, '/garage/reminders', heading('Rappels'));
    await checkPage(garage.page, '/garage/team', heading('Équipe du garage'));
    await checkPage(garage.page, '/garage/hours', heading('Horaires d’ouverture'));
    await checkPage(garage.page, '/garage/settings', heading('Paramètres'));
    expect(customer.problems).toEqual([]);
    expect(garage.problems).toEqual([]);
    await Promise.all([customer.context.close(), garage.context.close()]);
  });

  test('the thread is the whole screen, its composer and send button on it for both people, and a tap sends', async ({
    browser,
    request,
    baseURL,
  }) => {
    const { garagiste, client } = await garageWithAClient(request);
    const people: [Account, Account, string][] = [
      [client, garagiste, `/app/messages?user=${garagiste.user.garageId}`],
      [garagiste, client, `/garage/messages?user=${client.user.id}`],
    ];
    for (const [me, other, thread] of people) {
      const { page, problems } = await logIn(browser, baseURL, me);
      await page.goto(thread);
      await expect(bubble(page, 'Bien sûr, passez demain matin')).toBeVisible();
      const screen = page.viewportSize();
      if (!screen) throw new Error('no viewport');
      const composer = await page.getByLabel('Votre message').boundingBox();
      const sendButton = await page.getByRole('button', { name: 'Envoyer' }).boundingBox();
      for (const box of [composer, sendButton]) {
        expect(box).not.toBeNull();
        if (!box) continue;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(screen.width);
        expect(box.y + box.height).toBeLessThanOrEqual(screen.height);
      }
      // Neither the header nor the tab bar: the thread alone.
      await expect(page.locator('app-tab-bar')).toBeHidden();
      await expect(
        page.getByRole('heading', { name: other.user.role === 'garagiste' ? 'Garage du Parc' : other.user.name }),
      ).toBeVisible();

      const text = `Réponse de ${me.user.name} depuis son téléphone`;
      await page.getByLabel('Votre message').fill(text);
      if (!sendButton) continue;
      await page.touchscreen.tap(sendButton.x + sendButton.width / 2, sendButton.y + sendButton.height / 2);
      await expect(bubble(page, text)).toHaveAttribute('data-status', /^(sent|read)$/);
      await expect(bubble(page, text)).toBeInViewport();
      await screenshot(page, `phone-thread-${me.user.role}`);
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  test('with the on-screen keyboard open, the last message and the composer stay on the screen', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre');
    const client = await register(request, 'client', 'Camille Durand');
    for (let n = 1; n <= 25; n++)
      await sendByApi(request, n % 2 ? client : garagiste, n % 2 ? garagiste : client, `Message ${n}`);
    await markRead(request, client, garagiste);
    const { page } = await logIn(browser, baseURL, client);
    await page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    await expect(bubble(page, 'Message 25')).toBeInViewport();
    const screen = page.viewportSize();
    if (!screen) throw new Error('no viewport');

    await page.getByLabel('Votre message').tap();
    // The keyboard takes the bottom of the screen: with interactive-widget=resizes-content the
    // browser shrinks the viewport to what is above it, as this does.
    const keyboard = Math.round(screen.height * 0.45);
    await page.setViewportSize({ width: screen.width, height: screen.height - keyboard });

    await expect(bubble(page, 'Message 25')).toBeInViewport();
    const field = await page.getByLabel('Votre message').boundingBox();
    const sendButton = await page.getByRole('button', { name: 'Envoyer' }).boundingBox();
    for (const box of [field, sendButton])
      expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(screen.height - keyboard);
    await screenshot(page, 'phone-keyboard-open');
    await page.context().close();
  });

  test('Enter adds a line, the composer grows with its text, and the button sends', async ({
    browser,
    request,
    baseURL,
  }) => {
    const { garagiste, client } = await garageWithAClient(request);
    const { page } = await logIn(browser, baseURL, client);
    await page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    const composer = page.getByLabel('Votre message');
    const oneLine = (await composer.boundingBox())?.height ?? 0;
    await composer.pressSequentially('Première ligne');
    for (const line of ['Deuxième', 'Troisième']) {
      await composer.press('Enter');
      await composer.pressSequentially(line);
    }
    await expect(composer).toHaveValue('Première ligne\nDeuxième\nTroisième');
    expect((await composer.boundingBox())?.height ?? 0).toBeGreaterThan(oneLine * 1.8);
    await expect(page.getByText('Maj+Entrée')).toHaveCount(0);
    await page.getByRole('button', { name: 'Envoyer' }).tap();
    await expect(bubble(page, 'Première ligne').locator('.content')).toHaveText('Première ligne\nDeuxième\nTroisième');
    expect((await composer.boundingBox())?.height ?? 0).toBeLessThan(oneLine * 1.2);
    await page.context().close();
  });

  test('a long press on my message opens its actions, and « Modifier » edits it', async ({
    browser,
    request,
    baseURL,
  }) => {
    const { garagiste, client } = await garageWithAClient(request);
    const { page, problems } = await logIn(browser, baseURL, client);
    await page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    await page.getByLabel('Votre message').fill('Je passe à 9 h');
    await page.getByRole('button', { name: 'Envoyer' }).tap();
    const mine = bubble(page, 'Je passe à 9 h');
    await expect(mine).toHaveAttribute('data-status', /^(sent|read)$/);
    await expect(mine.getByRole('button', { name: 'Modifier' })).toBeHidden();

    const box = await mine.boundingBox();
    if (!box) throw new Error('no bubble');
    const touch = await touchScreen(page);
    const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    // Held until the actions show: a long press.
    const actions = page.getByRole('dialog', { name: 'Votre message' });
    await expect(actions).toBeVisible();
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await screenshot(page, 'phone-message-actions');
    expect(await axeViolations(page)).toEqual([]);
    await tapOn(page, actions.getByRole('button', { name: 'Modifier' }));
    await expect(actions).toBeHidden();

    const field = page.getByLabel('Modifier le message');
    await field.fill('Je passe à 10 h');
    await page.getByRole('log').getByRole('button', { name: 'Enregistrer' }).tap();
    await expect(bubble(page, 'Je passe à 10 h')).toContainText('modifié');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('photos open full screen: pinch zooms, a swipe goes to the next, a tap outside closes', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage des Photos'));
    const client = await register(request, 'client', 'Camille Durand');
    await book(request, client, garagiste, 'Carrosserie');
    const { page: garage } = await logIn(browser, baseURL, garagiste);
    await garage.goto(`/garage/messages?user=${client.user.id}`);
    const photos = await Promise.all(
      ['#1f6feb', '#d1242f'].map((background) =>
        sharp({ create: { width: 1200, height: 900, channels: 3, background } })
          .jpeg()
          .toBuffer(),
      ),
    );
    await garage.locator('input[type=file][multiple]').setInputFiles([
      { name: 'avant.jpg', mimeType: 'image/jpeg', buffer: photos[0] },
      { name: 'apres.jpg', mimeType: 'image/jpeg', buffer: photos[1] },
    ]);
    await garage.getByRole('button', { name: 'Envoyer' }).tap();
    await expect(bubbles(garage).last()).toHaveAttribute('data-status', /^(sent|read)$/);

    const { page } = await logIn(browser, baseURL, client);
    await page.goto(`/app/messages?user=${garagiste.user.garageId}`);
    await page.getByRole('button', { name: 'Agrandir la photo avant.jpg' }).tap();
    const viewer = page.getByRole('dialog', { name: 'Photo en plein écran' });
    await expect(viewer).toBeVisible();
    await expect(viewer.getByText('Photo 1 sur 2')).toBeVisible();
    const photo = viewer.getByRole('img', { name: 'avant.jpg' });
    await expect.poll(() => photo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1200);

    const screen = page.viewportSize();
    if (!screen) throw new Error('no viewport');
    const centre = { x: screen.width / 2, y: screen.height / 2 };
    const touch = await touchScreen(page);
    const fingers = (spread: number) => [
      { x: centre.x - spread, y: centre.y, id: 0 },
      { x: centre.x + spread, y: centre.y, id: 1 },
    ];
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(20) });
    for (const spread of [40, 60, 80]) {
      await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(spread) });
    }
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const scale = () => photo.evaluate((image) => new DOMMatrix(getComputedStyle(image).transform).a);
    await expect.poll(scale).toBeGreaterThan(3);
    await screenshot(page, 'phone-photo-zoomed');
    expect(await axeViolations(page)).toEqual([]);

    // A double tap gives the whole photo back; then a swipe to the left shows the next one.
    await page.touchscreen.tap(centre.x, centre.y);
    await page.touchscreen.tap(centre.x, centre.y);
    await expect.poll(scale).toBe(1);
    await touch.send('Input.dispatchTouchEvent', {
      type: 'touchStart',
      touchPoints: [{ x: centre.x + 80, y: centre.y }],
    });
    for (const dx of [40, 0, -40, -80]) {
      await touch.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: [{ x: centre.x + dx, y: centre.y }],
      });
    }
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect(viewer.getByText('Photo 2 sur 2')).toBeVisible();
    await expect(viewer.getByRole('img', { name: 'apres.jpg' })).toBeVisible();

    // Tapped outside the photo (above it: the photo is wider than high), the viewer closes.
    const shown = await viewer.getByRole('img', { name: 'apres.jpg' }).boundingBox();
    if (!shown) throw new Error('no photo');
    await page.touchscreen.tap(centre.x, shown.y / 2);
    await expect(viewer).toBeHidden();
    await Promise.all([page.context().close(), garage.context().close()]);
  });
});
