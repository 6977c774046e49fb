import type { AppointmentView, Page } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import request from 'supertest';
import { book, nextSlot, registerActor, type Actor } from './support/actors';
import { createTestApp, type TestApp } from './support/test-app';

describe('garages and appointments', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let client: Actor;
  let otherClient: Actor;
  let garagiste: Actor;
  let otherGaragiste: Actor;

  beforeAll(async () => {
    testApp = await createTestApp();
    api = request(testApp.baseUrl);
    [client, otherClient, garagiste, otherGaragiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'client', 'Julien'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
      registerActor(testApp.baseUrl, 'garagiste', 'Sophie'),
    ]);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('lists garages filtered by city and by text', async () => {
    await api
      .post('/api/auth/register')
      .send({
        email: 'paris@example.test',
        password: 'courroie-vidange-lundi',
        name: 'Nina',
        role: 'garagiste',
        garage: {
          name: 'Atelier Voltaire',
          city: 'Paris',
          address: '3 bd Voltaire',
        },
      })
      .expect(201);
    const paris = await api.get('/api/garages?city=paris').set('Authorization', client.bearer).expect(200);
    expect(paris.body.map((g: { name: string }) => g.name)).toEqual(['Atelier Voltaire']);
    const text = await api.get('/api/garages?q=volt').set('Authorization', client.bearer).expect(200);
    expect(text.body).toHaveLength(1);
    const all = await api.get('/api/garages').set('Authorization', client.bearer).expect(200);
    expect(all.body.length).toBeGreaterThanOrEqual(3);
    await api.get('/api/garages?q=(unclosed').set('Authorization', client.bearer).expect(200);
    await api.get('/api/garages').expect(401);
    await api.get('/api/garages/not-an-id').set('Authorization', client.bearer).expect(400);
    await api.get('/api/garages/6b07bd0e44ecb3a1dc99551e').set('Authorization', client.bearer).expect(404);
  });

  it('lets a client book a garage in the future, and refuses the past', async () => {
    const booking = await book(testApp.baseUrl, client, garagiste, 'Vidange');
    expect(booking).toMatchObject({
      clientId: client.user.id,
      clientName: 'Camille',
      garageId: garagiste.user.garageId,
      garagisteId: garagiste.user.id,
      service: 'Vidange',
      status: 'pending',
    });
    const past = await api
      .post('/api/appointments')
      .set('Authorization', client.bearer)
      .send({
        garageId: garagiste.user.garageId,
        scheduledAt: '2020-01-01T09:00:00Z',
        service: 'Vidange',
      })
      .expect(400);
    expect(past.body.code).toBe('VALIDATION_FAILED');
  });

  it("shows each side only its own bookings: the client's, and the garage's", async () => {
    const mine = await book(testApp.baseUrl, otherClient, garagiste, 'Freins');
    const clientList = await api.get('/api/appointments').set('Authorization', client.bearer).expect(200);
    expect(clientList.body.items.every((a: { clientId: string }) => a.clientId === client.user.id)).toBe(true);
    const garageList = await api.get('/api/appointments').set('Authorization', garagiste.bearer).expect(200);
    expect(garageList.body.items.map((a: { id: string }) => a.id)).toContain(mine.id);
    const otherGarageList = await api.get('/api/appointments').set('Authorization', otherGaragiste.bearer).expect(200);
    expect(otherGarageList.body).toEqual({ items: [], nextCursor: null });

    await api.get(`/api/appointments/${mine.id}`).set('Authorization', otherGaragiste.bearer).expect(404);
    await api.get(`/api/appointments/${mine.id}`).set('Authorization', client.bearer).expect(404);
    await api.get(`/api/appointments/${mine.id}`).set('Authorization', otherClient.bearer).expect(200);
  });

  it('lets the garagiste change the status, and the client only cancel', async () => {
    const booking = await book(testApp.baseUrl, client, garagiste);
    const confirmed = await api
      .patch(`/api/appointments/${booking.id}/status`)
      .set('Authorization', garagiste.bearer)
      .send({ status: 'confirmed' })
      .expect(200);
    expect(confirmed.body.status).toBe('confirmed');

    await api
      .patch(`/api/appointments/${booking.id}/status`)
      .set('Authorization', client.bearer)
      .send({ status: 'completed' })
      .expect(403);
    await api
      .patch(`/api/appointments/${booking.id}/status`)
      .set('Authorization', otherGaragiste.bearer)
      .send({ status: 'cancelled' })
      .expect(404);
    await api
      .patch(`/api/appointments/${booking.id}/status`)
      .set('Authorization', garagiste.bearer)
      .send({ status: 'lost' })
      .expect(400);

    const cancelled = await api
      .patch(`/api/appointments/${booking.id}/status`)
      .set('Authorization', client.bearer)
      .send({ status: 'cancelled' })
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await api
      .patch(`/api/appointments/${booking.id}/status`)
      .set('Authorization', garagiste.bearer)
      .send({ status: 'confirmed' })
      .expect(400);
  });

  it("serves a booking's linked messages to its client and its garagiste only", async () => {
    const booking = await book(testApp.baseUrl, client, garagiste);
    await api
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .send({
        recipientId: garagiste.user.id,
        content: 'À propos de ce rendez-vous',
        appointmentId: booking.id,
      })
      .expect(201);
    await api
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .send({ recipientId: garagiste.user.id, content: 'Sans lien' })
      .expect(201);

    for (const actor of [client, garagiste]) {
      const linked = await api
        .get(`/api/appointments/${booking.id}/messages`)
        .set('Authorization', actor.bearer)
        .expect(200);
      expect(linked.body.items.map((m: { kind?: string; content: string }) => [m.kind, m.content])).toEqual([
        ['booking-event', expect.stringMatching(/^Rendez-vous demandé — /)],
        [undefined, 'À propos de ce rendez-vous'],
      ]);
    }
    await api.get(`/api/appointments/${booking.id}/messages`).set('Authorization', otherClient.bearer).expect(404);
    await api.get(`/api/appointments/${booking.id}/messages`).set('Authorization', otherGaragiste.bearer).expect(404);
  });

  describe('lists are paged newest first, so that no booking drops out of them', () => {
    const pages = async (bearer: string, limit: number) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await api
          .get('/api/appointments')
          .query({ limit, ...(cursor ? { cursor } : {}) })
          .set('Authorization', bearer)
          .expect(200);
        const page = response.body as Page<AppointmentView>;
        expect(page.items.length).toBeLessThanOrEqual(limit);
        ids.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };

    it("walks a garage's 520 bookings page by page, the real one included", async () => {
      const [flooder, garage] = await Promise.all([
        registerActor(testApp.baseUrl, 'client'),
        registerActor(testApp.baseUrl, 'garagiste'),
      ]);
      const real = await book(testApp.baseUrl, client, garage, 'Embrayage');
      const scheduledAt = new Date(Date.now() + 86_400_000);
      const flood = Array.from({ length: 519 }, () => ({
        _id: new Types.ObjectId(),
        client: new Types.ObjectId(flooder.user.id),
        clientName: 'Flood',
        garage: new Types.ObjectId(garage.user.garageId),
        garageName: 'Garage',
        garagiste: new Types.ObjectId(garage.user.id),
        scheduledAt,
        service: 'Spam',
        status: 'pending',
        createdAt: scheduledAt,
        updatedAt: scheduledAt,
      }));
      await testApp.connection.collection('appointments').insertMany(flood);
      const ids = await pages(garage.bearer, 50);
      expect(ids).toHaveLength(520);
      expect(new Set(ids).size).toBe(520);
      expect(ids).toContain(real.id);
      expect([...ids].sort().reverse()).toEqual(ids);
      const first = await api.get('/api/appointments').set('Authorization', garage.bearer).expect(200);
      expect(first.body.items).toHaveLength(20);
      expect(first.body.nextCursor).toBe(first.body.items[19].id);
    });

    it('refuses a malformed cursor or limit', async () => {
      for (const query of [
        { cursor: 'x' },
        { cursor: 'F'.repeat(24) },
        { limit: 0 },
        { limit: 51 },
        { limit: 'ten' },
      ]) {
        const response = await api.get('/api/appointments').query(query).set('Authorization', client.bearer);
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('limits how many bookings one client makes, with 429 RATE_LIMITED', async () => {
      const [booker, garage] = await Promise.all([
        registerActor(testApp.baseUrl, 'client'),
        registerActor(testApp.baseUrl, 'garagiste'),
      ]);
      for (let index = 0; index < 20; index += 1) await book(testApp.baseUrl, booker, garage);
      const refused = await api.post('/api/appointments').set('Authorization', booker.bearer).send({
        garageId: garage.user.garageId,
        scheduledAt: nextSlot(),
        service: 'x',
      });
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/try again in \d+ min/),
      });
      await book(testApp.baseUrl, client, garage);
    });
  });
});
