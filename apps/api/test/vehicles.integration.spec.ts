import type { AppointmentView, MessageView, Page, VehicleView } from '@promoto/shared-dto';
import request from 'supertest';
import { addVehicle, book, CLIO, nextSlot, registerActor, type Actor } from './support/actors';
import { connectSocket, nextEvent, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

const CLIO_BOOKED = { plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2012 };

/** A client's vehicles over real HTTP against the real database, and the bookings made with them. */
describe('vehicles', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let client: Actor;
  let otherClient: Actor;
  let garagiste: Actor;
  let garagisteSocket: ChatClient;

  const list = async (actor: Actor) =>
    (await api.get('/api/vehicles').set('Authorization', actor.bearer).expect(200)).body as VehicleView[];

  beforeAll(async () => {
    testApp = await createTestApp();
    api = request(testApp.baseUrl);
    [client, otherClient, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'client', 'Bruno'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
    ]);
    garagisteSocket = await connectSocket(testApp.baseUrl, garagiste.accessToken);
  });

  afterAll(async () => {
    garagisteSocket.disconnect();
    await testApp.close();
  });

  it('adds, lists, replaces and deletes my vehicles, the plate stored one way', async () => {
    const clio = await addVehicle(testApp.baseUrl, client);
    expect(clio).toEqual({ id: expect.any(String), ...CLIO_BOOKED, mileage: 140_000 });
    const zoe = await addVehicle(testApp.baseUrl, client, {
      plate: 'EF456GH',
      make: 'Renault',
      model: 'Zoé',
      year: 2021,
    });
    expect(zoe).toEqual({ id: expect.any(String), plate: 'EF-456-GH', make: 'Renault', model: 'Zoé', year: 2021 });
    expect(await list(client)).toEqual([clio, zoe]);

    // The whole vehicle is replaced: the mileage left out is cleared.
    const replaced = await api
      .put(`/api/vehicles/${clio.id}`)
      .set('Authorization', client.bearer)
      .send({ plate: 'ab-123-cd', make: 'Renault', model: 'Clio IV', year: 2013 })
      .expect(200);
    expect(replaced.body).toEqual({ id: clio.id, ...CLIO_BOOKED, model: 'Clio IV', year: 2013 });
    expect((await api.get(`/api/vehicles/${clio.id}`).set('Authorization', client.bearer).expect(200)).body).toEqual(
      replaced.body,
    );

    // One plate once per client, however it is typed; another client may have it.
    const twice = await api.post('/api/vehicles').set('Authorization', client.bearer).send(CLIO).expect(409);
    expect(twice.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('immatriculation') });
    await api
      .put(`/api/vehicles/${zoe.id}`)
      .set('Authorization', client.bearer)
      .send({ ...CLIO, plate: 'AB 123 CD' })
      .expect(409);
    await addVehicle(testApp.baseUrl, otherClient, CLIO);

    await api.delete(`/api/vehicles/${zoe.id}`).set('Authorization', client.bearer).expect(204);
    await api.delete(`/api/vehicles/${zoe.id}`).set('Authorization', client.bearer).expect(404);
    expect((await list(client)).map(({ id }) => id)).toEqual([clio.id]);
  });

  it('refuses plates the SIV never issues and unlikely years, saying why', async () => {
    const refusals: [Record<string, unknown>, string][] = [
      [{ plate: 'AI-123-CD' }, 'plate must not hold the letters I, O or U'],
      [{ plate: 'SS-123-CD' }, 'plate must not start with SS or WW'],
      [{ plate: 'WW-123-CD' }, 'plate must not start with SS or WW'],
      [{ plate: 'AB-000-CD' }, 'plate must not have 000 as its number'],
      [{ plate: '123 ABC 75' }, 'two letters, three digits, two letters'],
      [{ year: 1850 }, 'year must not be less than 1900'],
      [{ year: new Date().getUTCFullYear() + 2 }, 'year must not be after'],
      [{ mileage: -5 }, 'mileage must not be less than 0'],
      [{ mileage: 1.5 }, 'mileage must be an integer number'],
      [{ color: 'rouge' }, 'property color should not exist'],
    ];
    for (const [change, reason] of refusals) {
      const refused = await api
        .post('/api/vehicles')
        .set('Authorization', otherClient.bearer)
        .send({ ...CLIO, plate: 'GH-789-JK', ...change })
        .expect(400);
      expect([change, refused.body.code, JSON.stringify(refused.body)]).toEqual([
        change,
        'VALIDATION_FAILED',
        expect.stringContaining(reason),
      ]);
    }
  });

  it('keeps each client’s vehicles to themselves: another client gets 404, a garagiste 403', async () => {
    const clio = (await list(client))[0];
    for (const call of [
      api.get(`/api/vehicles/${clio.id}`),
      api.put(`/api/vehicles/${clio.id}`).send(CLIO),
      api.delete(`/api/vehicles/${clio.id}`),
    ]) {
      await call.set('Authorization', otherClient.bearer).expect(404);
    }
    await api.get('/api/vehicles').set('Authorization', garagiste.bearer).expect(403);
    await api.get(`/api/vehicles/${clio.id}`).set('Authorization', garagiste.bearer).expect(403);
    await api.get('/api/vehicles').expect(401);
    expect((await list(client))[0]).toEqual(clio);
  });

  it('books with one of my vehicles: the booking, its notice and the garage’s view keep a copy', async () => {
    const clio = (await list(client))[0];
    const noticed = nextEvent(
      garagisteSocket,
      'new-message',
      (message: MessageView) => message.bookingEvent?.vehicle !== undefined,
      15_000,
    );
    const booking = await book(testApp.baseUrl, client, garagiste, 'Vidange', clio.id);
    const copy = { vehicleId: clio.id, ...CLIO_BOOKED, model: 'Clio IV', year: 2013 };
    expect(booking.vehicle).toEqual(copy);

    const notice = await noticed;
    expect(notice.bookingEvent).toMatchObject({ appointmentId: booking.id, action: 'created', vehicle: copy });
    expect(notice.content).toMatch(/, Vidange \(Renault Clio IV · AB-123-CD\)$/);
    const garageView = (
      await api.get(`/api/appointments/${booking.id}`).set('Authorization', garagiste.bearer).expect(200)
    ).body as AppointmentView;
    expect(garageView.vehicle).toEqual(copy);

    // The vehicle changes or goes: the booking and its notice keep what it was when booked.
    await api
      .put(`/api/vehicles/${clio.id}`)
      .set('Authorization', client.bearer)
      .send({ ...CLIO, plate: 'XY-321-ZA' })
      .expect(200);
    await api.delete(`/api/vehicles/${clio.id}`).set('Authorization', client.bearer).expect(204);
    const garageList = (await api.get('/api/appointments').set('Authorization', garagiste.bearer).expect(200))
      .body as Page<AppointmentView>;
    expect(garageList.items.find(({ id }) => id === booking.id)?.vehicle).toEqual(copy);
    const history = (
      await api.get(`/api/messages/conversation/${client.user.id}`).set('Authorization', garagiste.bearer).expect(200)
    ).body as Page<MessageView>;
    expect(history.items.find(({ id }) => id === notice.id)?.bookingEvent?.vehicle).toEqual(copy);
  });

  it('refuses a booking with a vehicle that is not mine, and books nothing', async () => {
    const brunos = await list(otherClient);
    const before = (await api.get('/api/appointments').set('Authorization', client.bearer).expect(200)).body
      .items as AppointmentView[];
    const refused = await api
      .post('/api/appointments')
      .set('Authorization', client.bearer)
      .send({ garageId: garagiste.user.garageId, scheduledAt: nextSlot(), service: 'Vidange', vehicleId: brunos[0].id })
      .expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    await api
      .post('/api/appointments')
      .set('Authorization', client.bearer)
      .send({ garageId: garagiste.user.garageId, scheduledAt: nextSlot(), service: 'Vidange', vehicleId: 'AB-123-CD' })
      .expect(400);
    const after = (await api.get('/api/appointments').set('Authorization', client.bearer).expect(200)).body
      .items as AppointmentView[];
    expect(after).toEqual(before);
  });
});
