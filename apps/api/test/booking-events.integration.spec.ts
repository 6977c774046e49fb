import type { AppointmentView, ConversationView, MessageView, Page } from '@promoto/shared-dto';
import request from 'supertest';
import { book, nextSlot, registerActor, type Actor } from './support/actors';
import { connectSocket, pause, recordEvents, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

describe('booking events in the thread', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let client: Actor;
  let garagiste: Actor;
  let clientSocket: ChatClient;
  let garagisteSocket: ChatClient;
  let clientLive: MessageView[];
  let garagisteLive: MessageView[];

  const unreadTotal = async (actor: Actor) =>
    (await api.get('/api/messages/unread-count').set('Authorization', actor.bearer).expect(200)).body.total as number;
  const conversationOf = async (actor: Actor, other: Actor) => {
    const list = (await api.get('/api/messages/conversations').set('Authorization', actor.bearer).expect(200))
      .body as Page<ConversationView>;
    return list.items.find((conversation) => [other.user.id, other.user.garageId].includes(conversation.otherUser.id));
  };
  const history = async (actor: Actor, other: Actor) =>
    (
      (await api.get(`/api/messages/conversation/${other.user.id}`).set('Authorization', actor.bearer).expect(200))
        .body as Page<MessageView>
    ).items;
  /** Lets the change's delivery reach both sockets, then returns what arrived since the last call. */
  const liveSince = async (counts: { client: number; garagiste: number }) => {
    await pause(300);
    const fresh = { client: clientLive.slice(counts.client), garagiste: garagisteLive.slice(counts.garagiste) };
    counts.client = clientLive.length;
    counts.garagiste = garagisteLive.length;
    return fresh;
  };
  const setStatus = (actor: Actor, booking: AppointmentView, status: string) =>
    api.patch(`/api/appointments/${booking.id}/status`).set('Authorization', actor.bearer).send({ status }).expect(200);

  beforeAll(async () => {
    testApp = await createTestApp();
    api = request(testApp.baseUrl);
    [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
    ]);
    [clientSocket, garagisteSocket] = await Promise.all([
      connectSocket(testApp.baseUrl, client.accessToken),
      connectSocket(testApp.baseUrl, garagiste.accessToken),
    ]);
    clientLive = recordEvents(clientSocket, 'new-message');
    garagisteLive = recordEvents(garagisteSocket, 'new-message');
  });

  afterAll(async () => {
    clientSocket.disconnect();
    garagisteSocket.disconnect();
    await testApp.close();
  });

  it('writes one notice per change, live to both and in the history, unread only for the one who did not cause it', async () => {
    const seen = { client: 0, garagiste: 0 };

    const booking = await book(testApp.baseUrl, client, garagiste, 'Distribution');
    const created = await liveSince(seen);
    expect(created.client).toHaveLength(1);
    expect(created.garagiste).toEqual(created.client);
    const notice = created.client[0];
    expect(notice).toMatchObject({
      kind: 'booking-event',
      senderId: client.user.id,
      recipientId: garagiste.user.garageId,
      appointmentId: booking.id,
      bookingEvent: {
        appointmentId: booking.id,
        action: 'created',
        status: 'pending',
        scheduledAt: booking.scheduledAt,
        service: 'Distribution',
        garageName: booking.garageName,
        causedBy: client.user.id,
        causedByRole: 'client',
      },
    });
    expect(notice.content).toMatch(/^Rendez-vous demandé — \S+ \d+ \S+ à \d+ h( \d\d)?, Distribution$/);
    expect(await unreadTotal(garagiste)).toBe(1);
    expect(await unreadTotal(client)).toBe(0);
    expect((await conversationOf(client, garagiste))?.unreadCount).toBe(0);
    expect((await conversationOf(garagiste, client))?.lastMessage?.content).toBe(notice.content);

    await setStatus(garagiste, booking, 'confirmed');
    const confirmed = await liveSince(seen);
    expect(confirmed.client).toHaveLength(1);
    expect(confirmed.garagiste).toEqual(confirmed.client);
    expect(confirmed.client[0]).toMatchObject({
      senderId: garagiste.user.id,
      bookingEvent: {
        action: 'confirmed',
        status: 'confirmed',
        causedBy: garagiste.user.id,
        causedByRole: 'garagiste',
      },
    });
    expect(confirmed.client[0].content.startsWith('Rendez-vous confirmé — ')).toBe(true);
    expect(await unreadTotal(client)).toBe(1);
    expect(await unreadTotal(garagiste)).toBe(1);

    await setStatus(garagiste, booking, 'confirmed');
    expect(await liveSince(seen)).toEqual({ client: [], garagiste: [] });

    const later = new Date(nextSlot());
    const moved = await api
      .patch(`/api/appointments/${booking.id}/schedule`)
      .set('Authorization', garagiste.bearer)
      .send({ scheduledAt: later.toISOString() })
      .expect(200);
    expect(moved.body.scheduledAt).toBe(later.toISOString());
    const movedLive = await liveSince(seen);
    expect(movedLive.client).toHaveLength(1);
    expect(movedLive.garagiste).toEqual(movedLive.client);
    expect(movedLive.client[0].bookingEvent).toMatchObject({
      action: 'moved',
      status: 'confirmed',
      scheduledAt: later.toISOString(),
    });
    expect(movedLive.client[0].content).toMatch(/^Rendez-vous déplacé — .* à \d+ h, Distribution$/);

    await setStatus(garagiste, booking, 'completed');
    const completed = await liveSince(seen);
    expect(completed.client.map((message) => message.bookingEvent?.action)).toEqual(['completed']);
    expect(await unreadTotal(client)).toBe(3);
    expect(await unreadTotal(garagiste)).toBe(1);

    const cancelled = await book(testApp.baseUrl, client, garagiste, 'Vidange');
    await setStatus(client, cancelled, 'cancelled');
    const cancelledLive = await liveSince(seen);
    expect(cancelledLive.garagiste.map((message) => [message.bookingEvent?.action, message.senderId])).toEqual([
      ['created', client.user.id],
      ['cancelled', client.user.id],
    ]);
    expect(cancelledLive.client).toEqual(cancelledLive.garagiste);
    expect(await unreadTotal(client)).toBe(3);
    expect(await unreadTotal(garagiste)).toBe(3);
    expect((await conversationOf(client, garagiste))?.unreadCount).toBe(3);
    expect((await conversationOf(garagiste, client))?.unreadCount).toBe(3);

    const everything = [...created.client, ...confirmed.client, ...movedLive.client, ...completed.client];
    const all = [...everything, ...cancelledLive.client];
    expect(await history(client, garagiste)).toEqual(all);
    expect(await history(garagiste, client)).toEqual(all);
    const linked = await api
      .get(`/api/appointments/${booking.id}/messages`)
      .set('Authorization', client.bearer)
      .expect(200);
    expect(linked.body.items).toEqual(everything);

    await api
      .put('/api/messages/read')
      .set('Authorization', client.bearer)
      .send({ userId: garagiste.user.id })
      .expect(200);
    expect(await unreadTotal(client)).toBe(0);
    expect(await unreadTotal(garagiste)).toBe(3);
  });

  it('keeps a notice as written: neither its causer nor the other person may edit or delete it', async () => {
    const booking = await book(testApp.baseUrl, client, garagiste, 'Freins');
    const notice = (await history(client, garagiste)).find(
      (message) => message.bookingEvent?.appointmentId === booking.id,
    );
    expect(notice).toBeDefined();
    const edit = await api
      .patch(`/api/messages/${notice?.id}`)
      .set('Authorization', client.bearer)
      .send({ content: 'Autre chose' })
      .expect(403);
    expect(edit.body.code).toBe('FORBIDDEN');
    await api.delete(`/api/messages/${notice?.id}`).set('Authorization', client.bearer).expect(403);
    await api.delete(`/api/messages/${notice?.id}`).set('Authorization', garagiste.bearer).expect(403);
  });

  it('lets the garagiste and the client move an open booking to a future slot; moved by the client, it waits for confirmation again', async () => {
    const booking = await book(testApp.baseUrl, client, garagiste, 'Pneus');
    await setStatus(garagiste, booking, 'confirmed');
    const future = nextSlot();
    const byClient = await api
      .patch(`/api/appointments/${booking.id}/schedule`)
      .set('Authorization', client.bearer)
      .send({ scheduledAt: future })
      .expect(200);
    expect(byClient.body).toMatchObject({ scheduledAt: future, status: 'pending' });
    const stranger = await registerActor(testApp.baseUrl, 'client');
    await api
      .patch(`/api/appointments/${booking.id}/schedule`)
      .set('Authorization', stranger.bearer)
      .send({ scheduledAt: nextSlot() })
      .expect(404);
    const past = await api
      .patch(`/api/appointments/${booking.id}/schedule`)
      .set('Authorization', garagiste.bearer)
      .send({ scheduledAt: '2020-01-01T09:00:00Z' })
      .expect(400);
    expect(past.body.code).toBe('VALIDATION_FAILED');
    await setStatus(client, booking, 'cancelled');
    await api
      .patch(`/api/appointments/${booking.id}/schedule`)
      .set('Authorization', garagiste.bearer)
      .send({ scheduledAt: nextSlot() })
      .expect(400);
  });
});
