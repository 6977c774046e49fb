import { expect, test } from '@playwright/test';
import { chooseFirstSlot, garageOf, logIn, register, screenshot } from './support/users';

test.describe('vehicles', () => {
  test('the client adds, edits and deletes vehicles, books with one, and the garagiste sees it in the thread', async ({
    browser,
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
    const client = await register(request, 'client', 'Camille Durand');

    const customer = await logIn(browser, baseURL, client);
    const { page } = customer;
    await page.goto('/app/vehicles');
    await expect(page.getByRole('heading', { level: 1, name: 'Mes véhicules' })).toBeVisible();
    await expect(page.getByText('Aucun véhicule pour l’instant.')).toBeVisible();

    // A plate the SIV never issues is refused in French, as typed; then the right one is taken as typed too.
    await page.getByRole('link', { name: 'Ajouter un véhicule' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ajouter un véhicule' })).toBeVisible();
    const plate = page.getByLabel('Immatriculation');
    await plate.fill('ab 123 co');
    await page.getByLabel('Marque').fill('Renault');
    await page.getByLabel('Modèle').fill('Clio');
    await page.getByLabel('Année').fill('2012');
    await page.getByLabel('Kilométrage (facultatif)').fill('140000');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Les lettres I, O et U ne figurent pas sur les immatriculations.')).toBeVisible();
    await expect(plate).toBeFocused();
    await plate.fill('ab 123 cd');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    const clio = page.locator('li.vehicle', { hasText: 'Renault Clio' });
    await expect(clio).toContainText('AB-123-CD');
    await expect(clio).toContainText('2012 · 140 000 km');
    await screenshot(page, 'vehicles');

    await clio.getByRole('link', { name: 'Modifier Renault Clio · AB-123-CD' }).click();
    await expect(page.getByLabel('Immatriculation')).toHaveValue('AB-123-CD');
    await page.getByLabel('Kilométrage (facultatif)').fill('152000');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(clio).toContainText('2012 · 152 000 km');

    await page.getByRole('link', { name: 'Ajouter un véhicule' }).click();
    await page.getByLabel('Immatriculation').fill('EF456GH');
    await page.getByLabel('Marque').fill('Peugeot');
    await page.getByLabel('Modèle').fill('208');
    await page.getByLabel('Année').fill('2020');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const peugeot = page.locator('li.vehicle', { hasText: 'Peugeot 208' });
    await expect(peugeot).toContainText('EF-456-GH');
    await peugeot.getByRole('button', { name: 'Supprimer Peugeot 208 · EF-456-GH' }).click();
    await peugeot.getByRole('button', { name: 'Oui, supprimer' }).click();
    await expect(peugeot).toHaveCount(0);
    await expect(page.locator('li.vehicle')).toHaveCount(1);

    // Booking with the Clio.
    await page.goto(`/app/garage/${garagiste.user.garageId}`);
    await chooseFirstSlot(page, 'Créneau');
    await page.getByLabel('Prestation').fill('Vidange');
    await page.getByLabel('Véhicule (facultatif)').selectOption({ label: 'Renault Clio · AB-123-CD' });
    await page.getByRole('button', { name: 'Demander le rendez-vous' }).click();
    await expect(page.getByRole('status')).toContainText('Vidange');
    await page.goto('/app/appointments');
    await expect(page.getByText('🚗 Renault Clio · AB-123-CD')).toBeVisible();

    // The garagiste's thread with the client names the car in its header and in the notice.
    const garage = await logIn(browser, baseURL, garagiste);
    await garage.page.goto(`/garage/messages?user=${client.user.id}`);
    const header = garage.page.locator('app-chat-window header');
    await expect(header.getByText('🚗 Renault Clio · AB-123-CD')).toBeVisible();
    await expect(garage.page.getByRole('log').locator('li.notice').first()).toContainText(
      /, Vidange \(Renault Clio · AB-123-CD\)/,
    );
    await screenshot(garage.page, 'vehicle-in-thread');

    expect(customer.problems).toEqual([]);
    expect(garage.problems).toEqual([]);
  });
});
