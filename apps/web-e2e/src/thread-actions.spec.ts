import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolation } from './support/axe';
import { addVehicle, book, garageOf, logIn, onTouchScreen, register, screenshot, sendByApi } from './support/users';

/** A garage member's thread header actions, by how a person finds them. */
function actions(page: Page) {
  return [
    page.getByRole('button', { name: 'Devis' }),
    page.getByLabel('Assigner à…'),
    page.getByRole('button', { name: 'Marquer comme traité' }),
    page.getByRole('link', { name: '🔔 Programmer un rappel' }),
    page.getByRole('button', { name: 'Signaler la conversation avec Camille Durand' }),
    page.getByRole('button', { name: 'Bloquer Camille Durand' }),
  ];
}

test.describe("a garage member's thread header", () => {
  test('on a phone its actions fold into « ⋯ », a popup that Escape and a tap outside close; on a computer they stay in the header', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage des Actions'));
    const client = await register(request, 'client', 'Camille Durand');
    const clio = await addVehicle(request, client);
    await book(request, client, garagiste, 'Vidange', clio.id);
    await sendByApi(request, client, garagiste, 'Bonjour, ma Clio est prête ?');

    const { page, problems } = await logIn(browser, baseURL, garagiste);
    await page.goto(`/garage/messages?user=${client.user.id}`);
    await expect(page.locator('#chat-title')).toHaveText('Camille Durand');
    await expect(page.getByLabel('Assigner à…')).toBeAttached();
    const more = page.getByRole('button', { name: 'Plus d’actions' });

    if (!onTouchScreen()) {
      // The desktop as it was: every action in the header, « ⋯ » showing « Signaler » and « Bloquer » below it.
      await expect(more).not.toHaveAttribute('aria-haspopup');
      for (const action of actions(page).slice(0, 4)) await expect(action).toBeVisible();
      await more.click();
      await expect(more).toHaveAttribute('aria-expanded', 'true');
      await page.keyboard.press('Escape');
      for (const action of actions(page)) await expect(action).toBeVisible();
      expect(problems).toEqual([]);
      return;
    }

    // The header keeps the way back, the name and the vehicle; everything else is behind « ⋯ ».
    const header = page.locator('app-chat-window header');
    await expect(header.getByText('Renault Clio')).toBeVisible();
    for (const action of actions(page)) await expect(action).toBeHidden();
    const viewport = page.viewportSize();
    if (!viewport) throw new Error('a phone project has a viewport');
    const headerBox = await header.boundingBox();
    expect(headerBox?.height).toBeLessThanOrEqual(100);
    await expect(more).toHaveAttribute('aria-haspopup', 'dialog');
    await expect(more).toHaveAttribute('aria-expanded', 'false');

    await more.tap();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    const popup = page.getByRole('dialog', { name: 'Plus d’actions' });
    await expect(popup).toBeVisible();
    await expect(actions(page)[0]).toBeFocused();
    // Each action a finger's target, inside the screen.
    for (const action of actions(page)) {
      await expect(action).toBeVisible();
      const box = await action.boundingBox();
      if (!box) throw new Error('a visible action has a box');
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    }
    await expectNoAxeViolation(page);
    await screenshot(page, 'thread-actions');

    await page.keyboard.press('Escape');
    await expect(popup).toBeHidden();
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(more).toBeFocused();

    // A tap outside (on the vehicle's line, which takes no focus) closes it too, focus back on « ⋯ ».
    await more.tap();
    await expect(popup).toBeVisible();
    await header.getByText('Renault Clio').tap();
    await expect(popup).toBeHidden();
    await expect(more).toBeFocused();

    // An action chosen closes it: « Bloquer » asks for confirmation below the header.
    await more.tap();
    await page.getByRole('button', { name: 'Bloquer Camille Durand' }).tap();
    await expect(popup).toBeHidden();
    await expect(page.getByText(/^Bloquer Camille Durand \?/)).toBeVisible();
    expect(problems).toEqual([]);
  });
});
