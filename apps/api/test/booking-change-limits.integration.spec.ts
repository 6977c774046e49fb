import type { MessageView } from '@promoto/shared-dto';
import request from 'supertest';
import { book, nextSlot, registerActor, sendMessage, type Actor } from './support/actors';
import { waitFor } from './support/processes';
import { connectSocket, recordEvents, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Every booking change writes a notice that counts unread: changes are limited per booking and per
 * garage, so that a garage's account cannot flood a client (60 reschedules in a second used to add
 * 60 unread notices).
 */
describe('booking change limits', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let client: Actor;
  let garagiste: Actor;
  let clientSocket: ChatClient;
  let notices: MessageView[];

  beforeAll(async () => {
    testApp = await createTestApp({
      THROTTLE_BOOKING_CHANGES_PER_BOOKING_PER_HOUR: '3',
      THROTTLE_BOOKING_CHANGES_PER_GARAGE_PER_HOUR: '5',
    });
    api = request(testApp.baseUrl);
    [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    clientSocket = await connectSocket(testApp.baseUrl, client.accessToken);
    notices = recordEvents(clientSocket, 'new-message');
  });

  afterAll(async () => {
    clientSocket?.disconnect();
    await testApp.close();
  });

  const reschedule = (bookingId: string) =>
    api
      .patch(`/api/appointments/${bookingId}/schedule`)
      .set('Authorization', garagiste.bearer)
      .send({ scheduledAt: nextSlot() });
  const setStatus = (bookingId: string, status: string) =>
    api.patch(`/api/appointments/${bookingId}/status`).set('Authorization', garagiste.bearer).send({ status });
  const unread = async () =>
    (await api.get('/api/messages/unread-count').set('Authorization', client.bearer).expect(200)).body.total as number;

  it('refuses the fourth change to one booking and the sixth to one garage, writing no notice for them', async () => {
    const first = await book(testApp.baseUrl, client, garagiste);
    const second = await book(testApp.baseUrl, client, garagiste);
    const before = await unread();

    for (let change = 0; change < 3; change += 1) await reschedule(first.id).expect(200);
    const refused = await reschedule(first.id).expect(429);
    expect(refused.body).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many changes to this booking: try again in \d+ min\.$/),
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3_000);
    await setStatus(first.id, 'confirmed').expect(429);

    // The other booking has its own three, but the garage only two more.
    await setStatus(second.id, 'confirmed').expect(200);
    await reschedule(second.id).expect(200);
    const garageRefusal = await reschedule(second.id).expect(429);
    expect(garageRefusal.body.message).toMatch(/^Too many booking changes at this garage/);

    // Five changes, five notices, live and unread; nothing for the refused ones.
    const changes = () =>
      notices.filter((notice) => notice.bookingEvent && ['moved', 'confirmed'].includes(notice.bookingEvent.action));
    await waitFor(async () => changes().length === 5, 15_000, 'the five notices over the socket');
    expect(await unread()).toBe(before + 5);
    expect(changes().map((notice) => notice.bookingEvent?.action)).toEqual([
      'moved',
      'moved',
      'moved',
      'confirmed',
      'moved',
    ]);
    const stored = await api.get(`/api/appointments/${first.id}`).set('Authorization', client.bearer).expect(200);
    expect(new Date(stored.body.scheduledAt).getTime()).toBeLessThan(Date.now() + 5.5 * 86_400_000);

    // Sending is limited on its own.
    await sendMessage(testApp.baseUrl, garagiste, client, 'Désolé pour tous ces changements');
  });
});
