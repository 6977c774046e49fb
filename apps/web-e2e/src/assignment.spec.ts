import { expect, test } from '@playwright/test';
import { joinByApi } from './support/invitations';
import {
  conversationEntry,
  garageOf,
  logIn,
  register,
  screenshot,
  sendByApi,
  showThreadActions,
} from './support/users';

test.describe('assigning conversations', () => {
  test('a member assigns a conversation to a colleague, whose « À moi » shows it live', async ({
    browser,
    request,
    baseURL,
  }) => {
    const owner = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage Assigné'));
    const staff = await joinByApi(request, owner, 'Léa Martin', 'staff');
    const client = await register(request, 'client', 'Camille Durand');
    await sendByApi(request, client, owner, 'Bonjour, pouvez-vous me rappeler ?');

    const [marc, lea] = await Promise.all([logIn(browser, baseURL, owner), logIn(browser, baseURL, staff)]);
    const filter = (name: string) =>
      marc.page.getByRole('group', { name: 'Assignation' }).getByRole('button', { name });
    await marc.page.goto('/garage/messages');
    await expect(conversationEntry(marc.page, 'Camille Durand')).toBeVisible();
    await filter('À moi').click();
    await expect(filter('À moi')).toHaveAttribute('aria-pressed', 'true');
    await expect(conversationEntry(marc.page, 'Camille Durand')).toHaveCount(0);

    // Léa assigns the conversation to Marc from her thread's header.
    await lea.page.goto(`/garage/messages?user=${client.user.id}`);
    await showThreadActions(lea.page);
    const picker = lea.page.getByLabel('Assigner à…');
    await picker.selectOption({ label: 'Marc Lefèvre' });
    await expect(picker).toHaveValue(owner.user.id);
    await screenshot(lea.page, 'assignment-thread');

    // Marc's « À moi » shows it at once; « Non assignées » no longer does; « Toutes » still does.
    await expect(conversationEntry(marc.page, 'Camille Durand')).toBeVisible();
    await screenshot(marc.page, 'assignment-mine');
    await filter('Non assignées').click();
    await expect(filter('Non assignées')).toHaveAttribute('aria-pressed', 'true');
    await expect(conversationEntry(marc.page, 'Camille Durand')).toHaveCount(0);
    await filter('Toutes').click();
    await expect(conversationEntry(marc.page, 'Camille Durand')).toBeVisible();

    // Unassigned again: back in « Non assignées ».
    await picker.selectOption({ label: "Retirer l'assignation" });
    await expect(picker).toHaveValue('');
    await filter('Non assignées').click();
    await expect(conversationEntry(marc.page, 'Camille Durand')).toBeVisible();

    for (const window of [marc, lea]) expect(window.problems).toEqual([]);
  });
});
