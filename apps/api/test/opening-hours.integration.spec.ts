import type { FreeSlotsView, MessageView, OpeningHoursView, Page } from '@promoto/shared-dto';
import request from 'supertest';
import { addDays, instantAt, wallClockAt, weekdayOf } from '../src/opening-hours/garage-clock';
import { book, registerActor, sendMessage, type Actor } from './support/actors';
import { eventually } from './support/eventually';
import { testMailpit } from './support/mailpit';
import { joinTeam } from './support/team';
import { createTestApp, type TestApp } from './support/test-app';

/** Every day, all day: open, so that only a closure closes the garage. */
const ALWAYS_OPEN = ([1, 2, 3, 4, 5, 6, 7] as const).map((day) => ({ day, opens: '00:00', closes: '24:00' }));

describe('opening hours, free slots and the away notice', () => {
  const mailpit = testMailpit();
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let client: Actor;
  let otherClient: Actor;
  let garagiste: Actor;

  beforeAll(async () => {
    testApp = await createTestApp({ SMTP_URL: mailpit.smtpUrl });
    api = request(testApp.baseUrl);
    [client, otherClient, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'client', 'Julien'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
    ]);
  }, 60_000);

  afterAll(() => testApp.close());

  const hoursOf = (garage: Actor) => `/api/garages/${garage.user.garageId}/opening-hours`;
  const slotsOf = async (garage: Actor, from: string, days = 1) =>
    (
      await api
        .get(`/api/garages/${garage.user.garageId}/slots`)
        .query({ from, days })
        .set('Authorization', client.bearer)
        .expect(200)
    ).body as FreeSlotsView;
  const bookAt = (actor: Actor, garage: Actor, scheduledAt: string) =>
    api
      .post('/api/appointments')
      .set('Authorization', actor.bearer)
      .send({ garageId: garage.user.garageId, scheduledAt, service: 'Vidange' });
  const history = async (actor: Actor, other: Actor) =>
    (
      (await api.get(`/api/messages/conversation/${other.user.id}`).set('Authorization', actor.bearer).expect(200))
        .body as Page<MessageView>
    ).items;

  it('has 8 h–19 h, Monday to Saturday, until an owner sets them; only an owner may, with French reasons', async () => {
    const defaults = (await api.get(hoursOf(garagiste)).set('Authorization', client.bearer).expect(200))
      .body as OpeningHoursView;
    expect(defaults).toMatchObject({ custom: false, timeZone: 'Europe/Paris', slotMinutes: 60, closures: [] });
    expect(defaults.weekly).toHaveLength(6);
    expect(defaults.weekly[0]).toEqual({ day: 1, opens: '08:00', closes: '19:00' });

    const week = { weekly: [{ day: 1, opens: '08:00', closes: '12:00' }], closures: [] };
    const stranger = await registerActor(testApp.baseUrl, 'garagiste');
    expect((await api.put(hoursOf(garagiste)).set('Authorization', stranger.bearer).send(week)).status).toBe(403);
    expect((await api.put(hoursOf(garagiste)).set('Authorization', client.bearer).send(week)).status).toBe(403);
    // A member of the team who is not an owner reads them only.
    const staff = await joinTeam(testApp.baseUrl, garagiste, 'Léo');
    const refused = await api.put(hoursOf(garagiste)).set('Authorization', staff.bearer).send(week);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      message: 'Seul un responsable du garage peut modifier ses horaires.',
    });
    await api.get(hoursOf(garagiste)).set('Authorization', staff.bearer).expect(200);
    const overlapping = await api
      .put(hoursOf(garagiste))
      .set('Authorization', garagiste.bearer)
      .send({ ...week, weekly: [...week.weekly, { day: 1, opens: '11:00', closes: '18:00' }] })
      .expect(400);
    expect(overlapping.body.message).toBe('Le lundi, les plages 08:00–12:00 et 11:00–18:00 se chevauchent.');
    const malformed = await api
      .put(hoursOf(garagiste))
      .set('Authorization', garagiste.bearer)
      .send({ weekly: [{ day: 8, opens: '8h', closes: '12:00' }], closures: [] })
      .expect(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    expect((await api.get(hoursOf(garagiste)).set('Authorization', client.bearer).expect(200)).body.custom).toBe(false);
  });

  it('offers the free slots, refuses Sunday at 3 h, a duplicate and a taken slot, and frees a cancelled one', async () => {
    const garage = await registerActor(testApp.baseUrl, 'garagiste');
    const today = wallClockAt(new Date()).day;
    const sunday =
      [1, 2, 3, 4, 5, 6, 7].map((offset) => addDays(today, offset)).find((day) => weekdayOf(day) === 7) ?? '';

    const sundayNight = await bookAt(client, garage, instantAt(sunday, 180).toISOString()).expect(400);
    expect(sundayNight.body).toMatchObject({
      code: 'OUTSIDE_OPENING_HOURS',
      message: 'Le garage est fermé le dimanche : choisissez un autre jour.',
    });
    expect((await slotsOf(garage, sunday)).slots).toEqual([]);

    const monday = addDays(sunday, 1);
    const offered = await slotsOf(garage, monday);
    expect(offered.slots).toHaveLength(11);
    expect(offered.slots[0]).toBe(instantAt(monday, 8 * 60).toISOString());
    const between = await bookAt(client, garage, instantAt(monday, 9 * 60 + 30).toISOString()).expect(400);
    expect(between.body.message).toBe(
      'Le lundi, le garage reçoit de 8 h à 19 h, par créneaux de 1 h : choisissez un des créneaux proposés.',
    );

    const chosen = offered.slots[2];
    const booked = (await bookAt(client, garage, chosen).expect(201)).body;
    const duplicate = await bookAt(client, garage, chosen).expect(409);
    expect(duplicate.body).toMatchObject({
      code: 'DUPLICATE_BOOKING',
      message: expect.stringContaining('déjà un rendez-vous'),
    });
    const taken = await bookAt(otherClient, garage, chosen).expect(409);
    expect(taken.body).toMatchObject({
      code: 'SLOT_TAKEN',
      message: 'Ce créneau vient d’être pris : choisissez-en un autre.',
    });
    expect((await slotsOf(garage, monday)).slots).not.toContain(chosen);

    // Two clients at once for the same slot: the unique slot decides, one of them gets it.
    const raced = offered.slots[5];
    const outcomes = await Promise.all([bookAt(client, garage, raced), bookAt(otherClient, garage, raced)]);
    expect(outcomes.map((response) => response.status).sort()).toEqual([201, 409]);

    // Moving onto a taken slot is refused; cancelling gives the slot back.
    const other = (await bookAt(otherClient, garage, offered.slots[7]).expect(201)).body;
    const onto = await api
      .patch(`/api/appointments/${other.id}/schedule`)
      .set('Authorization', garage.bearer)
      .send({ scheduledAt: chosen })
      .expect(409);
    expect(onto.body.code).toBe('SLOT_TAKEN');
    await api
      .patch(`/api/appointments/${booked.id}/status`)
      .set('Authorization', client.bearer)
      .send({ status: 'cancelled' })
      .expect(200);
    expect((await slotsOf(garage, monday)).slots).toContain(chosen);
    await bookAt(otherClient, garage, chosen).expect(201);
  });

  it('follows the hours and closures the owner sets', async () => {
    const garage = await registerActor(testApp.baseUrl, 'garagiste');
    const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, opens: '14:00', closes: '16:30' }));
    const today = wallClockAt(new Date()).day;
    const day = [2, 3, 4, 5].map((offset) => addDays(today, offset)).find((d) => weekdayOf(d) <= 5) ?? '';
    const setHours = (closures: object[]) =>
      api.put(hoursOf(garage)).set('Authorization', garage.bearer).send({ weekly: weekdays, closures }).expect(200);

    const saved = (await setHours([{ from: day, to: day, label: 'Formation' }])).body as OpeningHoursView;
    expect(saved).toMatchObject({
      custom: true,
      weekly: weekdays,
      closures: [{ from: day, to: day, label: 'Formation' }],
    });
    expect((await slotsOf(garage, day)).slots).toEqual([]);
    const closed = await bookAt(client, garage, instantAt(day, 14 * 60).toISOString()).expect(400);
    expect(closed.body.message).toMatch(
      /^Le garage est fermé le \S+ \d+ \S+ \(Formation\) : choisissez un autre jour\.$/,
    );

    await setHours([]);
    // Whole slots only: 14 h and 15 h; 16 h would end after 16 h 30.
    expect((await slotsOf(garage, day)).slots).toEqual([
      instantAt(day, 14 * 60).toISOString(),
      instantAt(day, 15 * 60).toISOString(),
    ]);
    await bookAt(client, garage, instantAt(day, 14 * 60).toISOString()).expect(201);
  });

  it('writes the reason given with a change into its notice', async () => {
    const booking = await book(testApp.baseUrl, client, garagiste, 'Distribution');
    await api
      .patch(`/api/appointments/${booking.id}/status`)
      .set('Authorization', garagiste.bearer)
      .send({ status: 'cancelled', reason: '  Pièce pas encore livrée ' })
      .expect(200);
    await eventually(async () => {
      const notice = (await history(client, garagiste)).find((message) => message.bookingEvent?.action === 'cancelled');
      expect(notice?.bookingEvent?.reason).toBe('Pièce pas encore livrée');
      expect(notice?.content).toMatch(/^Rendez-vous annulé — .*, Distribution\. Motif : Pièce pas encore livrée$/);
    });
  });

  it('answers a client writing while the garage is closed once per closed period, never the garagiste', async () => {
    const garage = await registerActor(testApp.baseUrl, 'garagiste', 'Sophie');
    const today = wallClockAt(new Date()).day;
    const closedToday = { weekly: ALWAYS_OPEN, closures: [{ from: today, to: today, label: 'Inventaire' }] };
    await api.put(hoursOf(garage)).set('Authorization', garage.bearer).send(closedToday).expect(200);

    const first = await sendMessage(testApp.baseUrl, client, garage, 'Bonjour, êtes-vous ouverts ?');
    const notices = async () => (await history(client, garage)).filter((message) => message.kind === 'away-notice');
    await eventually(async () => expect(await notices()).toHaveLength(1));
    const [notice] = await notices();
    const reopening = instantAt(addDays(today, 1), 0);
    expect(notice).toMatchObject({
      // The garage's own notice: its id is the sender.
      senderId: garage.user.garageId,
      recipientId: client.user.id,
      content: 'Le garage est fermé ; nous vous répondons dès demain 0 h.',
      awayNotice: { reopensAt: reopening.toISOString() },
    });
    expect(notice.id > first.id).toBe(true);

    // The same closed period: the next messages get nothing more; the garagiste's own are never answered.
    const second = await sendMessage(testApp.baseUrl, client, garage, 'Je repasse demain alors.');
    await sendMessage(testApp.baseUrl, garage, client, 'À demain !');
    await eventually(async () => expect((await history(client, garage)).at(-1)?.content).toBe('À demain !'));
    expect((await history(client, garage)).map((message) => message.kind ?? 'text')).toEqual([
      'text',
      'away-notice',
      'text',
      'text',
    ]);
    expect(second.id > notice.id).toBe(true);

    // Another closed period (the closure now lasts until tomorrow): one more notice.
    await api
      .put(hoursOf(garage))
      .set('Authorization', garage.bearer)
      .send({ ...closedToday, closures: [{ from: today, to: addDays(today, 1) }] })
      .expect(200);
    await sendMessage(testApp.baseUrl, client, garage, 'Finalement, vous rouvrez quand ?');
    await eventually(async () => expect(await notices()).toHaveLength(2));
    const dayAfterTomorrow = instantAt(addDays(today, 2), 0);
    const weekday = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'Europe/Paris' }).format(
      dayAfterTomorrow,
    );
    expect((await notices())[1]).toMatchObject({
      content: `Le garage est fermé ; nous vous répondons dès ${weekday} 0 h.`,
      awayNotice: { reopensAt: dayAfterTomorrow.toISOString() },
    });
  });

  it('leaves a garage that keeps the default hours silent', async () => {
    const garage = await registerActor(testApp.baseUrl, 'garagiste');
    await sendMessage(testApp.baseUrl, client, garage, 'Bonjour');
    await sendMessage(testApp.baseUrl, garage, client, 'Bonjour !');
    await eventually(async () => expect((await history(client, garage)).at(-1)?.content).toBe('Bonjour !'));
    expect((await history(client, garage)).filter((message) => message.kind === 'away-notice')).toEqual([]);
  });
});
