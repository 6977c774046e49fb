import request from 'supertest';
import { book, nextSlot, registerActor, type Actor } from './support/actors';
import { connectSocket, emitWithAck, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

/** `{"a":{"a":…"x"…}}`, `levels` deep, written as text so that nothing recursive builds it. */
const nestedJson = (levels: number) => `${'{"a":'.repeat(levels)}"x"${'}'.repeat(levels)}`;

/** The same shape as an object, built iteratively for socket payloads. */
function nestedObject(levels: number): object {
  let value: unknown = 'x';
  for (let level = 0; level < levels; level += 1) value = { a: value };
  return value as object;
}

describe('bad input: one validation path for REST and Socket.IO', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let client: Actor;
  let garagiste: Actor;
  let socket: ChatClient;

  const messageCount = () => testApp.connection.collection('messages').countDocuments();
  const send = (body: object | string) =>
    api.post('/api/messages').set('Authorization', client.bearer).set('Content-Type', 'application/json').send(body);

  beforeAll(async () => {
    testApp = await createTestApp();
    api = request(testApp.baseUrl);
    [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    socket = await connectSocket(testApp.baseUrl, client.accessToken);
  });

  afterAll(async () => {
    socket.close();
    await testApp.close();
  });

  const expectRefusal = (response: request.Response) => {
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  };
  const expectAckRefusal = (ack: Record<string, unknown>) =>
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

  describe('ids have one spelling: 24 lower-case hexadecimal characters', () => {
    const badIds = (id: string) => [id.toUpperCase(), `0x${'0'.repeat(22)}`, `0X${'a'.repeat(22)}`, ` ${id}`];

    it('refuses an upper-case or 0x recipient over REST and the socket, and stores nothing', async () => {
      const before = await messageCount();
      for (const recipientId of badIds(garagiste.user.id)) {
        expectRefusal(await send({ recipientId, content: 'Bonjour' }));
        expectAckRefusal(await emitWithAck(socket, 'send-message', { recipientId, content: 'Bonjour' }));
      }
      expect(await messageCount()).toBe(before);
      expect(await testApp.connection.collection('conversations').countDocuments()).toBe(0);
    });

    it('refuses them in paths, cursors and every socket event', async () => {
      for (const id of badIds(garagiste.user.id)) {
        const path = encodeURIComponent(id);
        for (const url of [
          `/api/messages/conversation/${path}`,
          `/api/messages/conversation/${garagiste.user.id}?before=${path}`,
          `/api/messages/conversation/${garagiste.user.id}?after=${path}`,
          `/api/garages/${path}`,
          `/api/users/${path}`,
          `/api/appointments/${path}`,
          `/api/appointments/${path}/messages`,
        ]) {
          expectRefusal(await api.get(url).set('Authorization', client.bearer));
        }
        expectRefusal(await api.put('/api/messages/read').set('Authorization', client.bearer).send({ userId: id }));
        expectRefusal(
          await api
            .post('/api/appointments')
            .set('Authorization', client.bearer)
            .send({ garageId: id, scheduledAt: nextSlot(), service: 'Vidange' }),
        );
        expectAckRefusal(await emitWithAck(socket, 'join-room', { userId: id }));
        expectAckRefusal(await emitWithAck(socket, 'join-room', { conversationId: id }));
        expectAckRefusal(await emitWithAck(socket, 'mark-read', { userId: id }));
        expectAckRefusal(await emitWithAck(socket, 'typing', { recipientId: id, isTyping: true }));
      }
    });
  });

  describe('depth and reserved keys are refused before any transformation', () => {
    it('answers 400 to a body thousands of levels deep, even on login without a token', async () => {
      for (const levels of [9, 2_500, 3_000]) {
        expectRefusal(
          await api.post('/api/auth/login').set('Content-Type', 'application/json').send(nestedJson(levels)),
        );
        expectRefusal(await send(nestedJson(levels)));
      }
    });

    it('refuses a deep socket payload with a failed ack, and the socket keeps working', async () => {
      const deep = { recipientId: garagiste.user.id, content: 'x', nested: nestedObject(2_500) };
      expectAckRefusal(await emitWithAck(socket, 'send-message', deep));
      expect(await emitWithAck(socket, 'join-room', { userId: garagiste.user.id })).toMatchObject({ ok: true });
    });

    it.each(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'])(
      'refuses the key %s like an unknown field, over REST and the socket',
      async (key) => {
        const before = await messageCount();
        const body = `{"recipientId":"${garagiste.user.id}","content":"Bonjour","${key}":{"isAdmin":true}}`;
        const response = await send(body);
        expectRefusal(response);
        expect(response.body.message).toBe(`property ${key} should not exist`);
        const payload = JSON.parse(body) as object;
        expectAckRefusal(await emitWithAck(socket, 'send-message', payload));
        expect(await messageCount()).toBe(before);
      },
    );

    it('refuses a reserved key nested in the register body', async () => {
      expectRefusal(
        await api
          .post('/api/auth/register')
          .set('Content-Type', 'application/json')
          .send(
            '{"email":"proto@example.test","password":"x","name":"P","role":"garagiste","garage":{"name":"G","city":"L","address":"A","__proto__":{"x":1}}}',
          ),
      );
    });

    it('refuses a payload that is not an object', async () => {
      expectRefusal(await send('["x"]'));
      expectRefusal(await send('"x"'));
      for (const payload of ['x', 42, [garagiste.user.id], null]) {
        expectAckRefusal(await emitWithAck(socket, 'join-room', payload));
      }
    });
  });

  describe('text is valid Unicode', () => {
    it.each([
      ['a lone high surrogate', 'Bonjour \uD83D'],
      ['a lone low surrogate', '\uDE00 Bonjour'],
      ['two halves in the wrong order', 'x\uDE00\uD83Dx'],
    ])('refuses %s in content over REST and the socket, storing nothing', async (_, content) => {
      const before = await messageCount();
      expectRefusal(await send({ recipientId: garagiste.user.id, content }));
      expectAckRefusal(await emitWithAck(socket, 'send-message', { recipientId: garagiste.user.id, content }));
      expect(await messageCount()).toBe(before);
    });

    it('refuses lone surrogates in names', async () => {
      expectRefusal(
        await api.post('/api/auth/register').send({
          email: 'surrogate@example.test',
          password: 'Une phrase de passe assez longue',
          name: 'Marie \uD83D',
          role: 'client',
        }),
      );
    });

    it('stores an emoji exactly as acknowledged', async () => {
      const content = `${'é'.repeat(137)}🚗`;
      const ack = await emitWithAck(socket, 'send-message', { recipientId: garagiste.user.id, content });
      expect(ack).toMatchObject({ ok: true, message: { content } });
      const history = await api
        .get(`/api/messages/conversation/${garagiste.user.id}`)
        .set('Authorization', client.bearer);
      expect(history.body.items.at(-1).content).toBe(content);
    });
  });

  describe('booking times carry their zone and stay within a year', () => {
    it('refuses the year 9999, a time without a zone and a non-existent day, for a move and a booking, changing nothing', async () => {
      const booking = await book(testApp.baseUrl, client, garagiste);
      const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
      for (const scheduledAt of ['9999-12-31T23:59:00Z', inTwoDays.slice(0, 19), '2027-02-30T09:00:00Z']) {
        expectRefusal(
          await api
            .patch(`/api/appointments/${booking.id}/schedule`)
            .set('Authorization', garagiste.bearer)
            .send({ scheduledAt }),
        );
        expectRefusal(
          await api
            .post('/api/appointments')
            .set('Authorization', client.bearer)
            .send({ garageId: garagiste.user.garageId, scheduledAt, service: 'Vidange' }),
        );
      }
      const unchanged = await api
        .get(`/api/appointments/${booking.id}`)
        .set('Authorization', client.bearer)
        .expect(200);
      expect(unchanged.body.scheduledAt).toBe(booking.scheduledAt);
      // The same instant as a free slot, written with an offset instead of Z.
      const moved = new Date(Date.parse(nextSlot()) + 3_600_000).toISOString().slice(0, 19) + '+01:00';
      await api
        .patch(`/api/appointments/${booking.id}/schedule`)
        .set('Authorization', garagiste.bearer)
        .send({ scheduledAt: moved })
        .expect(200);
    });
  });
});
