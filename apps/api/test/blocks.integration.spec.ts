import {
  ERROR_CODES,
  type ApiError,
  type AppointmentView,
  type BlockList,
  type BlockView,
  type MessageView,
} from '@promoto/shared-dto';
import request from 'supertest';
import { book, nextSlot, registerActor, sendMessage, type Actor } from './support/actors';
import { testMailpit } from './support/mailpit';
import { connectSocket, emitWithAck, nextEvent, recordEvents, type ChatClient } from './support/sockets';
import { joinTeam } from './support/team';
import { createTestApp, type TestApp } from './support/test-app';

/** What the side that was blocked may read: nothing that says it was blocked. */
const expectNeutral = (error: ApiError) => {
  expect(error.code).toBe(ERROR_CODES.CONTACT_UNAVAILABLE);
  expect(error.message).not.toMatch(/bloqu/i);
};

/**
 * Blocks between a client and a garage, over real HTTP and Socket.IO against the real database:
 * while either side blocks the other, no message (REST and socket), no booking nor change of one
 * (a cancellation apart), no typing goes through either way; the history stays readable.
 */
describe('blocks', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  const sockets: ChatClient[] = [];

  beforeAll(async () => {
    testApp = await createTestApp({
      SMTP_URL: testMailpit().smtpUrl,
      THROTTLE_AUTH_PER_MINUTE: '1000',
    });
    api = request(testApp.baseUrl);
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await testApp.close();
  });

  const connect = async (actor: Actor) => {
    const socket = await connectSocket(testApp.baseUrl, actor.accessToken);
    sockets.push(socket);
    return socket;
  };
  const blocks = async (actor: Actor) =>
    (await api.get('/api/blocks').set('Authorization', actor.bearer).expect(200)).body as BlockList;
  const block = async (actor: Actor, userId: string) =>
    (await api.put(`/api/blocks/${userId}`).set('Authorization', actor.bearer).expect(200)).body as BlockView;
  const unblock = (actor: Actor, userId: string) =>
    api.delete(`/api/blocks/${userId}`).set('Authorization', actor.bearer).expect(204);
  const refusedSend = async (from: Actor, recipientId: string) =>
    (
      await api
        .post('/api/messages')
        .set('Authorization', from.bearer)
        .send({ recipientId, content: 'Vous êtes là ?' })
        .expect(403)
    ).body as ApiError;
  const refusedSocketSend = async (socket: ChatClient, recipientId: string) => {
    const ack = await emitWithAck(socket, 'send-message', { recipientId, content: 'Par le socket' });
    expect(ack.ok).toBe(false);
    return (ack as unknown as { error: ApiError }).error;
  };
  const messagesStored = (content: string) => testApp.connection.collection('messages').countDocuments({ content });

  it('a client blocks a garage: nothing new either way, the history stays, until the client unblocks', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille Bloque'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc Bloque'),
    ]);
    const garageId = garagiste.user.garageId as string;
    const booking = await book(testApp.baseUrl, client, garagiste);
    const before = await sendMessage(testApp.baseUrl, client, garagiste, 'Avant le blocage');
    const quoteLines = [{ label: 'Plaquettes', kind: 'part', quantityHundredths: 100, unitPriceCents: 8990 }];
    const sentQuote = await api
      .post('/api/quotes')
      .set('Authorization', garagiste.bearer)
      .send({ appointmentId: booking.id, lines: quoteLines })
      .expect(201);
    const quoteId = (sentQuote.body as MessageView).quote?.quoteId as string;
    const [clientSocket, garagisteSocket] = await Promise.all([connect(client), connect(garagiste)]);
    // Typing goes to the conversation's room: the client's open thread.
    expect(await emitWithAck(clientSocket, 'join-room', { userId: garagiste.user.id })).toMatchObject({ ok: true });

    // Named by a member's id, the block is the garage's; blocking twice changes nothing.
    const blocked = await block(client, garagiste.user.id);
    expect(blocked).toEqual({
      party: { id: garageId, name: expect.any(String), role: 'garagiste', garageName: expect.any(String) },
      blockedAt: expect.any(String),
    });
    expect(await block(client, garageId)).toEqual(blocked);
    expect(await blocks(client)).toEqual({ items: [blocked] });
    // The garage does not see who blocked it.
    expect(await blocks(garagiste)).toEqual({ items: [] });

    // The client, who blocked, is told how to undo it; the garage only that it cannot write.
    const own = await refusedSend(client, garagiste.user.id);
    expect(own).toMatchObject({ code: ERROR_CODES.CONTACT_UNAVAILABLE, statusCode: 403 });
    expect(own.message).toMatch(/débloquez/);
    expectNeutral(await refusedSend(garagiste, client.user.id));
    expectNeutral(await refusedSocketSend(garagisteSocket, client.user.id));
    expect((await refusedSocketSend(clientSocket, garageId)).code).toBe(ERROR_CODES.CONTACT_UNAVAILABLE);
    // With files or a booking linked, the same one check refuses it.
    expectNeutral(
      (
        await api
          .post('/api/messages')
          .set('Authorization', garagiste.bearer)
          .send({ recipientId: client.user.id, content: 'Au sujet du rendez-vous', appointmentId: booking.id })
          .expect(403)
      ).body,
    );
    // A quote is a message, refused the same way; the client's answer to one is refused too.
    expectNeutral(
      (
        await api
          .post('/api/quotes')
          .set('Authorization', garagiste.bearer)
          .send({ appointmentId: booking.id, lines: quoteLines })
          .expect(403)
      ).body,
    );
    const decision = { decision: 'approved', lineIndexes: [0] };
    const refusedDecision = await api
      .post(`/api/quotes/${quoteId}/decisions`)
      .set('Authorization', client.bearer)
      .send(decision)
      .expect(403);
    expect(refusedDecision.body.code).toBe(ERROR_CODES.CONTACT_UNAVAILABLE);
    expect(await messagesStored('Vous êtes là ?')).toBe(0);
    expect(await messagesStored('Par le socket')).toBe(0);

    // No booking either way: a new one, a move, a confirmation; cancelling stays possible.
    const refusedBooking = (
      await api
        .post('/api/appointments')
        .set('Authorization', client.bearer)
        .send({ garageId, scheduledAt: nextSlot(), service: 'Vidange' })
        .expect(403)
    ).body as ApiError;
    expect(refusedBooking.code).toBe(ERROR_CODES.CONTACT_UNAVAILABLE);
    expectNeutral(
      (
        await api
          .patch(`/api/appointments/${booking.id}/schedule`)
          .set('Authorization', garagiste.bearer)
          .send({ scheduledAt: nextSlot() })
          .expect(403)
      ).body,
    );
    expectNeutral(
      (
        await api
          .patch(`/api/appointments/${booking.id}/status`)
          .set('Authorization', garagiste.bearer)
          .send({ status: 'confirmed' })
          .expect(403)
      ).body,
    );

    // Typing is acknowledged but reaches nobody.
    const seenByClient = recordEvents(clientSocket, 'typing');
    expect(await emitWithAck(garagisteSocket, 'typing', { recipientId: client.user.id, isTyping: true })).toEqual({
      ok: true,
    });

    // The history stays readable on both sides.
    for (const [reader, other] of [
      [client, garagiste],
      [garagiste, client],
    ] as const) {
      const history = await api
        .get(`/api/messages/conversation/${other.user.id}`)
        .set('Authorization', reader.bearer)
        .expect(200);
      expect(history.body.items.map(({ id }: { id: string }) => id)).toContain(before.id);
    }

    // Unblocked: everything goes through again, typing first (the one sent while blocked never came).
    await unblock(client, garageId);
    expect(await blocks(client)).toEqual({ items: [] });
    const typing = nextEvent(clientSocket, 'typing');
    await emitWithAck(garagisteSocket, 'typing', { recipientId: client.user.id, isTyping: false });
    expect(await typing).toMatchObject({ userId: garagiste.user.id, isTyping: false });
    expect(seenByClient).toEqual([{ conversationId: expect.any(String), userId: garagiste.user.id, isTyping: false }]);
    await sendMessage(testApp.baseUrl, garagiste, client, 'Après le déblocage');
    await api.post(`/api/quotes/${quoteId}/decisions`).set('Authorization', client.bearer).send(decision).expect(201);
    const confirmed = await api
      .patch(`/api/appointments/${booking.id}/status`)
      .set('Authorization', garagiste.bearer)
      .send({ status: 'confirmed' })
      .expect(200);
    expect((confirmed.body as AppointmentView).status).toBe('confirmed');
  });

  it('a member blocks a client for the whole garage; another member sees and lifts it', async () => {
    const [client, owner] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Bruno Insistant'),
      registerActor(testApp.baseUrl, 'garagiste', 'Sophie Patronne'),
    ]);
    const staff = await joinTeam(testApp.baseUrl, owner, 'Léo Atelier');
    const garageId = owner.user.garageId as string;
    const booking = await book(testApp.baseUrl, client, owner);
    await sendMessage(testApp.baseUrl, client, owner, 'Premier message');

    const blocked = await block(staff, client.user.id);
    expect(blocked).toEqual({
      party: { id: client.user.id, name: 'Bruno Insistant', role: 'client' },
      blockedAt: expect.any(String),
      blockedByName: 'Léo Atelier',
    });
    expect(await blocks(owner)).toEqual({ items: [blocked] });
    expect(await blocks(client)).toEqual({ items: [] });

    // The client is refused neutrally, to any member and to the garage's id, on both transports.
    expectNeutral(await refusedSend(client, owner.user.id));
    expectNeutral(await refusedSend(client, garageId));
    expectNeutral(await refusedSocketSend(await connect(client), staff.user.id));
    expectNeutral(
      (
        await api
          .post('/api/appointments')
          .set('Authorization', client.bearer)
          .send({ garageId, scheduledAt: nextSlot(), service: 'Freins' })
          .expect(403)
      ).body,
    );
    // Every member of the garage is on the blocking side; an internal note stays in the garage and goes.
    expect((await refusedSend(owner, client.user.id)).message).toMatch(/débloquez/);
    await api
      .post('/api/messages')
      .set('Authorization', owner.bearer)
      .send({ recipientId: client.user.id, content: 'Client bloqué après des insultes', note: true })
      .expect(201);
    // Cancelling a booking made before stays possible.
    await api
      .patch(`/api/appointments/${booking.id}/status`)
      .set('Authorization', client.bearer)
      .send({ status: 'cancelled' })
      .expect(200);

    await unblock(owner, client.user.id);
    expect(await blocks(staff)).toEqual({ items: [] });
    await sendMessage(testApp.baseUrl, client, staff, 'Merci de m’avoir débloqué');
  });

  it('each side’s block stands on its own', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    await sendMessage(testApp.baseUrl, client, garagiste, 'Bonjour');
    await block(client, garagiste.user.id);
    await block(garagiste, client.user.id);
    await unblock(client, garagiste.user.id);
    // The garage still blocks: the client is refused, neutrally; the garage is told to unblock.
    expectNeutral(await refusedSend(client, garagiste.user.id));
    expect((await refusedSend(garagiste, client.user.id)).message).toMatch(/débloquez/);
    await unblock(garagiste, client.user.id);
    await sendMessage(testApp.baseUrl, garagiste, client, 'Reprenons');
  });

  it('names only the other side, and checks who asks', async () => {
    const [client, otherClient, garagiste, otherGaragiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    // A client blocks a garage, a member a client: not their own kind, nor themselves, nor nobody.
    await api.put(`/api/blocks/${otherClient.user.id}`).set('Authorization', client.bearer).expect(404);
    await api.put(`/api/blocks/${client.user.id}`).set('Authorization', client.bearer).expect(404);
    await api.put(`/api/blocks/${otherGaragiste.user.id}`).set('Authorization', garagiste.bearer).expect(404);
    await api.put(`/api/blocks/${otherGaragiste.user.garageId}`).set('Authorization', garagiste.bearer).expect(404);
    await api.put('/api/blocks/6b07bd0e44ecb3a1dc99ffff').set('Authorization', client.bearer).expect(404);
    const invalid = await api.put('/api/blocks/not-an-id').set('Authorization', client.bearer).expect(400);
    expect(invalid.body.code).toBe(ERROR_CODES.VALIDATION_FAILED);
    await api.get('/api/blocks').expect(401);
    await api.put(`/api/blocks/${garagiste.user.id}`).expect(401);
    await api.delete(`/api/blocks/${garagiste.user.id}`).expect(401);
    expect(await blocks(client)).toEqual({ items: [] });
    expect(await blocks(garagiste)).toEqual({ items: [] });
  });
});
