import type { GaragePage, GarageView } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import request from 'supertest';
import { GarageCityKeysMigration } from '../src/garages/garage-city-keys-migration';
import { registerActor, type Actor } from './support/actors';
import { createTestApp, type TestApp } from './support/test-app';

describe('the garage directory, page by page', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let client: Actor;

  /** Garages as a database from before city keys holds them: no `cityKey`. */
  const stored = (count: number, city: string, name: (n: number) => string) =>
    Array.from({ length: count }, (_, n) => ({
      _id: new Types.ObjectId(),
      name: name(n),
      city,
      address: `${n + 1} rue des Essais`,
      services: n % 3 === 0 ? ['Vidange', 'Carrosserie'] : ['Freins'],
      owner: new Types.ObjectId(),
      ownerName: `Garagiste ${n}`,
      ownerCount: 1,
    }));

  beforeAll(async () => {
    testApp = await createTestApp();
    api = request(testApp.baseUrl);
    client = await registerActor(testApp.baseUrl, 'client', 'Camille');
    const garages = testApp.connection.collection('garages');
    // Names repeat, so that the order needs the id after the name; two spellings of one city.
    await garages.insertMany([
      ...stored(23, 'Orléans', (n) => `Garage ${String.fromCharCode(65 + (n % 9))}`),
      ...stored(4, 'ORLEANS ', (n) => `Atelier ${n}`),
      ...stored(30, 'Tours', (n) => `Garage ${n}`),
    ]);
    await testApp.connection.collection('migrations').deleteMany({ _id: 'garage-city-keys' as never });
    const migration = testApp.app.get(GarageCityKeysMigration);
    await Promise.all([migration.onApplicationBootstrap(), migration.onApplicationBootstrap()]);
  });

  afterAll(() => testApp.close());

  async function allPages(query: string, limit: number): Promise<{ pages: GaragePage[]; garages: GarageView[] }> {
    const pages: GaragePage[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${cursor}` : '';
      const response = await api
        .get(`/api/garages/search?${query}&limit=${limit}${after}`)
        .set('Authorization', client.bearer)
        .expect(200);
      const page = response.body as GaragePage;
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 20);
    return { pages, garages: pages.flatMap((page) => page.items) };
  }

  const byNameThenId = (a: GarageView, b: GarageView) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

  it("pages through one city's garages in a stable order, each once, with their count", async () => {
    const { pages, garages } = await allPages('city=orleans', 10);
    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 7]);
    expect(pages.map((page) => page.total)).toEqual([27, 27, 27]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(new Set(garages.map((garage) => garage.id)).size).toBe(27);
    expect(garages).toEqual([...garages].sort(byNameThenId));
    expect(new Set(garages.map((garage) => garage.city))).toEqual(new Set(['Orléans', 'ORLEANS ']));
  });

  it('keeps the text search across pages, and a city in any case and accents', async () => {
    const { pages, garages } = await allPages('city=Orl%C3%A9ans&q=carross', 3);
    expect(pages[0].total).toBe(10);
    expect(garages.map((garage) => garage.services)).toEqual(Array(10).fill(['Vidange', 'Carrosserie']));
    expect(garages).toEqual([...garages].sort(byNameThenId));
    const everyone = await api.get('/api/garages/search').set('Authorization', client.bearer).expect(200);
    expect(everyone.body).toMatchObject({ total: 57 });
    expect(everyone.body.items).toHaveLength(20);
  });

  it('keeps the deprecated list: the first garages of the same order, as a bare array', async () => {
    const list = await api.get('/api/garages?city=ORLÉANS').set('Authorization', client.bearer).expect(200);
    const { garages } = await allPages('city=orleans', 50);
    expect(list.body).toEqual(garages);
  });

  it('refuses a cursor it did not give, a page size out of bounds, and strangers', async () => {
    const forged = Buffer.from('["Garage", "not-an-id"]').toString('base64url');
    for (const query of [`cursor=${forged}`, 'cursor=abc', 'cursor=a.b', 'limit=0', 'limit=51', 'limit=deux']) {
      const response = await api.get(`/api/garages/search?${query}`).set('Authorization', client.bearer).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', statusCode: 400 });
    }
    await api.get('/api/garages/search').expect(401);
  });

  it('gives a registered garage its city key', async () => {
    const garagiste = await registerActor(testApp.baseUrl, 'garagiste', 'Marc');
    const page = await api.get('/api/garages/search?city=%20LYON').set('Authorization', client.bearer).expect(200);
    expect(page.body.items.map((garage: GarageView) => garage.id)).toEqual([garagiste.user.garageId]);
    const keys = await testApp.connection.collection('garages').countDocuments({ cityKey: { $exists: false } });
    expect(keys).toBe(0);
  });
});
