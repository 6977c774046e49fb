import { expect, test } from '@playwright/test';
import { bubble, bubbles, logIn, markRead, register, sendByApi, sendMany } from './support/users';

test.describe('a thread’s history', () => {
  test('older messages load on scrolling up, the message in view staying in place', async ({
    browser,
    request,
    baseURL,
  }) => {
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre');
    const client = await register(request, 'client', 'Camille Durand');
    await sendByApi(request, client, garagiste, 'Bonjour');
    await sendMany(request, garagiste, client, 45);
    await markRead(request, client, garagiste);

    const { page, problems } = await logIn(browser, baseURL, client);
    const newestPages: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      const history = /^\/api\/messages\/conversation\/[^/]+$/.test(url.pathname);
      if (history && !url.searchParams.has('before') && !url.searchParams.has('after')) newestPages.push(url.pathname);
    });
    // By the member's id, as the guide's links may: the thread is the garage's, and moves to its id.
    await page.goto(`/app/messages?user=${garagiste.user.id}`);
    await expect(bubbles(page)).toHaveCount(30);
    await expect(page).toHaveURL(new RegExp(`user=${garagiste.user.garageId}`));
    await expect(bubble(page, 'Message 45')).toBeInViewport();

    // At the top of the newest page, « Message 16 » is the message in view; where it is on the
    // screen is read in the same task as the scroll, before the older page can arrive.
    const anchor = bubble(page, 'Message 16');
    const topBefore = await page.locator('.scroller').evaluate((element) => {
      element.scrollTop = 0;
      const target = Array.from(element.querySelectorAll('li.message')).find((item) =>
        item.textContent?.includes('Message 16'),
      );
      return target?.getBoundingClientRect().top ?? NaN;
    });
    expect(topBefore).not.toBeNaN();
    await expect(bubbles(page)).toHaveCount(46);
    await expect(bubbles(page).first()).toContainText('Bonjour');
    await expect
      .poll(async () => Math.abs((await anchor.evaluate((element) => element.getBoundingClientRect().top)) - topBefore))
      .toBeLessThan(4);
    // In view means inside the thread's scrolling area, whatever the page around it shows.
    const visibleInThread = await anchor.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const area = element.closest('.scroller')?.getBoundingClientRect();
      return area !== undefined && box.bottom > area.top && box.top < area.bottom;
    });
    expect(visibleInThread).toBe(true);
    // The newest page was asked for once, under the member's id: the move to the garage's did not ask again.
    expect(newestPages).toEqual([`/api/messages/conversation/${garagiste.user.id}`]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
