import type { AppointmentView, MessageView, Page, ReminderView } from '@promoto/shared-dto';
import request from 'supertest';
import { addVehicle, book, CLIO, registerActor, sendMessage, type Actor } from './support/actors';
import { eventually } from './support/eventually';
import { mailMessage, mailsTo, testMailpit } from './support/mailpit';
import { startApiProcess, startReplicaPair, type ApiProcess } from './support/processes';
import { pause } from './support/sockets';
import { dropTestDatabase, testDatabaseName, testServerUri } from './support/test-database';

const FRONTEND_URL = 'http://localhost:4200';

/**
 * Reminders on a client's vehicle against built API processes sharing the real database and the
 * real Mailpit: who may schedule, list and cancel them, and a reminder sent exactly once at its
 * date, with two processes polling and after the process that held it was killed.
 */
describe('reminders on a vehicle', () => {
  const mailpit = testMailpit();
  const processes: ApiProcess[] = [];
  let replicaA: ApiProcess;
  let replicaB: ApiProcess;
  let client: Actor;
  let garagiste: Actor;
  let otherGaragiste: Actor;
  let booking: AppointmentView;

  const env = () => ({
    MONGODB_URI: testServerUri(),
    MONGODB_DB: testDatabaseName(),
    SMTP_URL: mailpit.smtpUrl,
    FRONTEND_URL,
    NOTIFY_EMAIL_DELAY_S: '1',
  });
  const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
  const schedule = (api: ApiProcess, member: Actor, body: Record<string, unknown>) =>
    request(api.baseUrl).post('/api/reminders').set('Authorization', member.bearer).send(body);
  const upcoming = async (api: ApiProcess, member: Actor) =>
    (await request(api.baseUrl).get('/api/reminders').set('Authorization', member.bearer).expect(200))
      .body as ReminderView[];
  const remindersInThread = async (api: ApiProcess) =>
    (
      (
        await request(api.baseUrl)
          .get(`/api/messages/conversation/${garagiste.user.garageId}?limit=100`)
          .set('Authorization', client.bearer)
          .expect(200)
      ).body as Page<MessageView>
    ).items.filter((message) => message.kind === 'vehicle-reminder');

  beforeAll(async () => {
    [replicaA, replicaB] = await startReplicaPair(env());
    processes.push(replicaA, replicaB);
    [client, garagiste, otherGaragiste] = await Promise.all([
      registerActor(replicaA.baseUrl, 'client', 'Camille Rappel'),
      registerActor(replicaA.baseUrl, 'garagiste', 'Marc'),
      registerActor(replicaA.baseUrl, 'garagiste', 'Sophie'),
    ]);
    const clio = await addVehicle(replicaA.baseUrl, client);
    booking = await book(replicaA.baseUrl, client, garagiste, 'Vidange', clio.id);
  }, 60_000);

  afterAll(async () => {
    for (const running of processes) running.child.kill('SIGKILL');
    await Promise.all(processes.map((running) => running.exited));
    await dropTestDatabase();
  });

  it('is scheduled on a client’s vehicle through a booking, listed and cancelled by the garage only', async () => {
    const vehicleId = booking.vehicle?.vehicleId as string;
    const scheduled = await schedule(replicaA, garagiste, {
      vehicleId,
      text: '  Contrôle technique avant le 12/05 ',
      dueAt: inSeconds(3600),
    }).expect(201);
    const reminder = scheduled.body as ReminderView;
    expect(reminder).toMatchObject({
      garageId: garagiste.user.garageId,
      clientId: client.user.id,
      clientName: 'Camille Rappel',
      vehicle: booking.vehicle,
      text: 'Contrôle technique avant le 12/05',
      status: 'scheduled',
      createdById: garagiste.user.id,
    });
    expect((await upcoming(replicaB, garagiste)).map(({ id }) => id)).toContain(reminder.id);

    // Another garage knows neither the client nor the vehicle; a client schedules nothing.
    const stranger = await schedule(replicaA, otherGaragiste, { vehicleId, text: 'Vidange', dueAt: inSeconds(60) });
    expect(stranger.status).toBe(404);
    expect(await upcoming(replicaA, otherGaragiste)).toEqual([]);
    await request(replicaA.baseUrl)
      .delete(`/api/reminders/${reminder.id}`)
      .set('Authorization', otherGaragiste.bearer)
      .expect(404);
    await schedule(replicaA, client, { vehicleId, text: 'Vidange', dueAt: inSeconds(60) }).expect(403);
    await request(replicaA.baseUrl).get('/api/reminders').set('Authorization', client.bearer).expect(403);
    // Refused as it comes: the past, no text, a date without its zone.
    await schedule(replicaA, garagiste, { vehicleId, text: 'Vidange', dueAt: inSeconds(-60) }).expect(400);
    await schedule(replicaA, garagiste, { vehicleId, text: ' ', dueAt: inSeconds(60) }).expect(400);
    await schedule(replicaA, garagiste, { vehicleId, text: 'Vidange', dueAt: '2027-05-12T09:00:00' }).expect(400);

    await request(replicaB.baseUrl)
      .delete(`/api/reminders/${reminder.id}`)
      .set('Authorization', garagiste.bearer)
      .expect(204);
    expect((await upcoming(replicaA, garagiste)).map(({ id }) => id)).not.toContain(reminder.id);
  });

  it('is refused, as a vehicle that does not exist, on a vehicle the client never booked this garage with', async () => {
    // Camille writes to the garage and books another garage with her second car: neither shows
    // this garage that car.
    await sendMessage(replicaA.baseUrl, client, garagiste, 'Vous faites les pneus ?');
    const peugeot = await addVehicle(replicaA.baseUrl, client, { ...CLIO, plate: 'EF-456-GH', make: 'Peugeot', model: '208' });
    const elsewhere = await book(replicaA.baseUrl, client, otherGaragiste, 'Pneus', peugeot.id);
    const body = (vehicleId: string) => ({ vehicleId, text: 'Pneus hiver', dueAt: inSeconds(3600) });

    const unknown = await schedule(replicaA, garagiste, body('0123456789abcdef01234567')).expect(404);
    const unbooked = await schedule(replicaA, garagiste, body(peugeot.id)).expect(404);
    expect(unbooked.body).toEqual(unknown.body);
    expect(unbooked.body.code).toBe('NOT_FOUND');
    expect((await upcoming(replicaB, garagiste)).map(({ vehicle }) => vehicle.vehicleId)).not.toContain(peugeot.id);

    // The garage it was booked with may.
    const theirs = (await schedule(replicaA, otherGaragiste, body(peugeot.id)).expect(201)).body as ReminderView;
    expect(theirs.vehicle).toEqual(elsewhere.vehicle);
    await request(replicaA.baseUrl)
      .delete(`/api/reminders/${theirs.id}`)
      .set('Authorization', otherGaragiste.bearer)
      .expect(204);
  });

  it('is neither scheduled nor sent while the client and the garage block each other', async () => {
    const blocking = await registerActor(replicaA.baseUrl, 'client', 'Léa Bloque');
    const vehicle = await addVehicle(replicaA.baseUrl, blocking);
    await book(replicaA.baseUrl, blocking, garagiste, 'Vidange', vehicle.id);
    const pending = (
      await schedule(replicaA, garagiste, { vehicleId: vehicle.id, text: 'Vidange', dueAt: inSeconds(8) }).expect(201)
    ).body as ReminderView;
    await request(replicaA.baseUrl)
      .put(`/api/blocks/${garagiste.user.garageId}`)
      .set('Authorization', blocking.bearer)
      .expect(200);

    const refused = await schedule(replicaA, garagiste, { vehicleId: vehicle.id, text: 'Pneus', dueAt: inSeconds(60) });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('CONTACT_UNAVAILABLE');
    // Due while blocked: withdrawn from the garage's list, and no notice reaches the client.
    await eventually(
      async () => expect((await upcoming(replicaB, garagiste)).map(({ id }) => id)).not.toContain(pending.id),
      20_000,
    );
    const thread = (
      await request(replicaA.baseUrl)
        .get(`/api/messages/conversation/${garagiste.user.garageId}?limit=100`)
        .set('Authorization', blocking.bearer)
        .expect(200)
    ).body as Page<MessageView>;
    expect(thread.items.filter((message) => message.kind === 'vehicle-reminder')).toEqual([]);
  }, 60_000);

  it('reaches the client once at its date, with two processes polling: a notice, then an e-mail', async () => {
    const sent = (
      await schedule(replicaB, garagiste, {
        vehicleId: booking.vehicle?.vehicleId,
        text: 'Vidange dans 6 mois',
        dueAt: inSeconds(3),
      }).expect(201)
    ).body as ReminderView;

    await eventually(async () => expect(await remindersInThread(replicaA)).toHaveLength(1), 20_000);
    const [notice] = await remindersInThread(replicaB);
    expect(notice.content).toMatch(/^Rappel de .+ pour votre Renault Clio · AB-123-CD : Vidange dans 6 mois$/);
    expect(notice).toMatchObject({
      senderId: garagiste.user.id,
      recipientId: client.user.id,
      vehicleReminder: {
        reminderId: sent.id,
        vehicle: booking.vehicle,
        text: 'Vidange dans 6 mois',
        dueAt: sent.dueAt,
      },
    });
    // Unread for the client (the one message of the thread it has not read), not editable by anyone.
    // Counted once recorded, which follows the notice's acknowledgement.
    await eventually(async () => {
      const unread = await request(replicaA.baseUrl)
        .get('/api/messages/unread-count')
        .set('Authorization', client.bearer)
        .expect(200);
      expect(unread.body.total).toBe(1);
    });
    await request(replicaA.baseUrl)
      .patch(`/api/messages/${notice.id}`)
      .set('Authorization', garagiste.bearer)
      .send({ content: 'Autre' })
      .expect(403);
    expect((await upcoming(replicaA, garagiste)).map(({ id }) => id)).not.toContain(sent.id);

    // The e-mail for the unread notice carries « Prendre rendez-vous » with the vehicle chosen.
    const bookingLink = `${FRONTEND_URL}/app/garage/${garagiste.user.garageId}?vehicle=${booking.vehicle?.vehicleId}`;
    await eventually(async () => expect((await mailsTo(mailpit.apiUrl, client.user.email)).length).toBe(1), 20_000);
    const [summary] = await mailsTo(mailpit.apiUrl, client.user.email);
    const mail = await mailMessage(mailpit.apiUrl, summary.ID);
    expect(mail.Text).toContain('Vidange dans 6 mois');
    expect(mail.Text).toContain(`Prendre rendez-vous : ${bookingLink}`);

    // Both processes kept polling: still one notice.
    await pause(2_000);
    expect(await remindersInThread(replicaA)).toHaveLength(1);
  }, 60_000);

  it('is sent once by another process when the one that would have sent it is gone', async () => {
    await request(replicaA.baseUrl).put('/api/messages/read').set('Authorization', client.bearer).send({
      userId: garagiste.user.garageId,
    });
    const before = (await remindersInThread(replicaA)).length;
    // Only replica A runs while the reminder is scheduled; it is killed before its date.
    replicaB.child.kill('SIGKILL');
    await replicaB.exited;
    const reminder = (
      await schedule(replicaA, garagiste, {
        vehicleId: booking.vehicle?.vehicleId,
        text: 'Pneus hiver',
        dueAt: inSeconds(4),
      }).expect(201)
    ).body as ReminderView;
    replicaA.child.kill('SIGKILL');
    await replicaA.exited;
    await pause(4_000);

    const restarted = await startApiProcess(env());
    processes.push(restarted);
    await eventually(async () => expect(await remindersInThread(restarted)).toHaveLength(before + 1), 20_000);
    const notices = await remindersInThread(restarted);
    expect(notices.filter((notice) => notice.vehicleReminder?.reminderId === reminder.id)).toHaveLength(1);
    await pause(2_000);
    expect(await remindersInThread(restarted)).toHaveLength(before + 1);
  }, 90_000);
});
