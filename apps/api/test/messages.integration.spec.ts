import { LIMITS, type MessageView } from '@promoto/shared-dto';
import request from 'supertest';
import { book, registerActor, type Actor } from './support/actors';
import { createTestApp, type TestApp } from './support/test-app';

describe('messages over REST', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;

  const send = (from: Actor, body: object) => api.post('/api/messages').set('Authorization', from.bearer).send(body);
  /** People's messages: a booking that a case sets up writes its own notice, which is no send. */
  const messageCount = () => testApp.connection.collection('messages').countDocuments({ kind: { $exists: false } });

  beforeAll(async () => {
    // Its cases register more than 20 people within a minute; the registration limit has tests of its own.
    testApp = await createTestApp({ THROTTLE_AUTH_PER_MINUTE: '1000' });
    api = request(testApp.baseUrl);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('stores and serves a message with the documented shape, content trimmed and kept as given', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    const content = '  <b>Bonjour</b> & "merci"  ';
    const response = await send(client, {
      recipientId: garagiste.user.id,
      content,
    }).expect(201);
    // Written to the garagiste's garage: its conversation with the client.
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      conversationId: expect.stringMatching(/^[0-9a-f]{24}$/),
      senderId: client.user.id,
      recipientId: garagiste.user.garageId,
      garageId: garagiste.user.garageId,
      content: '<b>Bonjour</b> & "merci"',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  describe('refusals store nothing', () => {
    let client: Actor;
    let otherClient: Actor;
    let garagiste: Actor;
    let otherGaragiste: Actor;

    beforeAll(async () => {
      [client, otherClient, garagiste, otherGaragiste] = await Promise.all([
        registerActor(testApp.baseUrl, 'client'),
        registerActor(testApp.baseUrl, 'client'),
        registerActor(testApp.baseUrl, 'garagiste'),
        registerActor(testApp.baseUrl, 'garagiste'),
      ]);
    });

    const refusals: [string, () => Promise<request.Response>, number, string][] = [];
    const refuse = (name: string, call: () => Promise<request.Response>, status: number, code: string) =>
      refusals.push([name, call, status, code]);

    refuse(
      'no token',
      () => api.post('/api/messages').send({ recipientId: garagiste.user.id, content: 'x' }),
      401,
      'UNAUTHENTICATED',
    );
    refuse(
      'a bad token',
      () => api.post('/api/messages').set('Authorization', 'Bearer x.y.z').send({}),
      401,
      'UNAUTHENTICATED',
    );
    refuse('writing to oneself', () => send(client, { recipientId: client.user.id, content: 'Moi' }), 403, 'FORBIDDEN');
    refuse(
      'a client writing to a client',
      () => send(client, { recipientId: otherClient.user.id, content: 'Salut' }),
      403,
      'FORBIDDEN',
    );
    refuse(
      'a garagiste writing to a client with no booking and no message',
      () =>
        send(garagiste, {
          recipientId: otherClient.user.id,
          content: 'Promo !',
        }),
      403,
      'FORBIDDEN',
    );
    refuse(
      'a garagiste writing to a garagiste',
      () =>
        send(garagiste, {
          recipientId: otherGaragiste.user.id,
          content: 'Salut',
        }),
      403,
      'FORBIDDEN',
    );
    refuse(
      'an unknown recipient',
      () => send(client, { recipientId: '6b07bd0e44ecb3a1dc99551e', content: 'x' }),
      404,
      'NOT_FOUND',
    );
    refuse(
      'empty content',
      () => send(client, { recipientId: garagiste.user.id, content: '   ' }),
      400,
      'VALIDATION_FAILED',
    );
    refuse(
      'oversized content',
      () =>
        send(client, {
          recipientId: garagiste.user.id,
          content: 'x'.repeat(LIMITS.messageContentMaxLength + 1),
        }),
      400,
      'VALIDATION_FAILED',
    );
    refuse(
      'unknown fields',
      () =>
        send(client, {
          recipientId: garagiste.user.id,
          content: 'x',
          senderId: otherClient.user.id,
        }),
      400,
      'VALIDATION_FAILED',
    );
    refuse(
      'an operator object as recipient',
      () => send(client, { recipientId: { $gt: '' }, content: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
    refuse(
      'an operator object as content',
      () => send(client, { recipientId: garagiste.user.id, content: { $gt: '' } }),
      400,
      'VALIDATION_FAILED',
    );
    refuse(
      'an array as body',
      () => send(client, [{ recipientId: garagiste.user.id, content: 'x' }]),
      400,
      'VALIDATION_FAILED',
    );
    refuse(
      'an unknown appointment',
      () =>
        send(client, {
          recipientId: garagiste.user.id,
          content: 'x',
          appointmentId: '6b07bd0e44ecb3a1dc99551e',
        }),
      404,
      'NOT_FOUND',
    );
    refuse(
      "someone else's appointment",
      async () => {
        const foreign = await book(testApp.baseUrl, otherClient, otherGaragiste);
        return send(client, {
          recipientId: otherGaragiste.user.id,
          content: 'x',
          appointmentId: foreign.id,
        });
      },
      403,
      'FORBIDDEN',
    );
    refuse(
      'a booking with another garage',
      async () => {
        const mine = await book(testApp.baseUrl, client, otherGaragiste);
        return send(client, {
          recipientId: garagiste.user.id,
          content: 'x',
          appointmentId: mine.id,
        });
      },
      403,
      'FORBIDDEN',
    );

    it.each(refusals)('refuses %s', async (_name, call, status, code) => {
      const before = await messageCount();
      const response = await call();
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({
        statusCode: status,
        code,
        message: expect.any(String),
      });
      expect(await messageCount()).toBe(before);
    });

    it('refuses a body far above any valid message with 413', async () => {
      const response = await send(client, {
        recipientId: garagiste.user.id,
        content: 'x'.repeat(100_000),
      });
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it("never reads a stranger's conversation: history is always mine with that user", async () => {
      await send(otherClient, {
        recipientId: otherGaragiste.user.id,
        content: 'Privé',
      }).expect(201);
      const mine = await api
        .get(`/api/messages/conversation/${otherGaragiste.user.id}`)
        .set('Authorization', client.bearer)
        .expect(200);
      expect(mine.body.items.map((m: MessageView) => m.content)).not.toContain('Privé');
      await api
        .get('/api/messages/conversation/6b07bd0e44ecb3a1dc99551e')
        .set('Authorization', client.bearer)
        .expect(404);
      await api
        .get('/api/messages/conversation/%7B%22%24gt%22%3A%22%22%7D')
        .set('Authorization', client.bearer)
        .expect(400);
    });
  });

  it('lets a garagiste write first to a client who booked, and reply to one who wrote first', async () => {
    const [booked, writer, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    await send(garagiste, {
      recipientId: booked.user.id,
      content: 'Avant',
    }).expect(403);
    const booking = await book(testApp.baseUrl, booked, garagiste);
    await send(garagiste, {
      recipientId: booked.user.id,
      content: 'Votre pièce est arrivée',
      appointmentId: booking.id,
    }).expect(201);

    await send(writer, {
      recipientId: garagiste.user.id,
      content: 'Faites-vous les pneus ?',
    }).expect(201);
    await send(garagiste, {
      recipientId: writer.user.id,
      content: 'Oui, toutes marques.',
    }).expect(201);
  });

  it('stores a retried send once and answers it with the same message', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    const body = {
      recipientId: garagiste.user.id,
      content: 'Une seule fois',
      clientMessageId: 'retry-1',
    };
    const results = await Promise.all([send(client, body), send(client, body), send(client, body)]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results[0].body.clientMessageId).toBe('retry-1');
    const again = await send(client, body).expect(201);
    expect(again.body.id).toBe(results[0].body.id);
    expect(await testApp.connection.collection('messages').countDocuments({ clientMessageId: 'retry-1' })).toBe(1);

    const conversations = await api
      .get('/api/messages/conversations')
      .set('Authorization', garagiste.bearer)
      .expect(200);
    expect(conversations.body.items[0].unreadCount).toBe(1);
  });

  it('pages history newest first by cursor, in chronological order within a page, and catches up with after', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    const sent: MessageView[] = [];
    for (let i = 1; i <= 7; i += 1) {
      const from = i % 2 ? client : garagiste;
      const to = i % 2 ? garagiste : client;
      sent.push(
        (
          await send(from, {
            recipientId: to.user.id,
            content: `m${i}`,
          }).expect(201)
        ).body,
      );
    }
    const history = (query: string) =>
      api
        .get(`/api/messages/conversation/${garagiste.user.id}${query}`)
        .set('Authorization', client.bearer)
        .expect(200);

    const newest = await history('?limit=3');
    expect(newest.body.items.map((m: MessageView) => m.content)).toEqual(['m5', 'm6', 'm7']);
    expect(newest.body.nextCursor).toBe(sent[4].id);
    const older = await history(`?limit=3&before=${newest.body.nextCursor}`);
    expect(older.body.items.map((m: MessageView) => m.content)).toEqual(['m2', 'm3', 'm4']);
    const oldest = await history(`?limit=3&before=${older.body.nextCursor}`);
    expect(oldest.body).toEqual({ items: [sent[0]], nextCursor: null });

    const caughtUp = await history(`?after=${sent[2].id}&limit=2`);
    expect(caughtUp.body.items.map((m: MessageView) => m.content)).toEqual(['m4', 'm5']);
    const rest = await history(`?after=${caughtUp.body.nextCursor}&limit=2`);
    expect(rest.body.items.map((m: MessageView) => m.content)).toEqual(['m6', 'm7']);
    expect((await history(`?after=${sent[6].id}`)).body).toEqual({
      items: [],
      nextCursor: null,
    });

    await api
      .get(`/api/messages/conversation/${garagiste.user.id}?limit=500`)
      .set('Authorization', client.bearer)
      .expect(400);
    await api
      .get(`/api/messages/conversation/${garagiste.user.id}?skip=3`)
      .set('Authorization', client.bearer)
      .expect(400);
  });

  it('counts unread messages per conversation and in total, and marks them read in one call', async () => {
    const [client, garagiste, otherGaragiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
      registerActor(testApp.baseUrl, 'garagiste', 'Sophie'),
    ]);
    for (const content of ['a', 'b', 'c']) await send(client, { recipientId: garagiste.user.id, content }).expect(201);
    await send(client, {
      recipientId: otherGaragiste.user.id,
      content: 'd',
    }).expect(201);
    const last = (
      await send(client, {
        recipientId: garagiste.user.id,
        content: 'e',
      }).expect(201)
    ).body as MessageView;

    const total = await api.get('/api/messages/unread-count').set('Authorization', garagiste.bearer).expect(200);
    expect(total.body).toEqual({ total: 4 });
    const list = await api.get('/api/messages/conversations').set('Authorization', garagiste.bearer).expect(200);
    expect(list.body.items).toEqual([
      {
        id: last.conversationId,
        otherUser: { id: client.user.id, name: 'Camille', role: 'client' },
        lastMessage: {
          id: last.id,
          senderId: client.user.id,
          content: 'e',
          createdAt: last.createdAt,
        },
        unreadCount: 4,
        archived: false,
        updatedAt: expect.any(String),
      },
    ]);

    const read = await api
      .put('/api/messages/read')
      .set('Authorization', garagiste.bearer)
      .send({ userId: client.user.id })
      .expect(200);
    expect(read.body).toEqual({
      conversationId: last.conversationId,
      lastReadMessageId: last.id,
      readAt: expect.any(String),
      unreadTotal: 0,
    });
    expect((await api.get('/api/messages/unread-count').set('Authorization', garagiste.bearer)).body).toEqual({
      total: 0,
    });

    const clientView = await api.get('/api/messages/conversations').set('Authorization', client.bearer).expect(200);
    const withMarc = clientView.body.items.find(
      (c: { otherUser: { id: string } }) => c.otherUser.id === garagiste.user.garageId,
    );
    expect(withMarc).toMatchObject({
      unreadCount: 0,
      otherLastReadMessageId: last.id,
      otherUser: { garageName: expect.any(String) },
    });

    await api
      .put('/api/messages/read')
      .set('Authorization', garagiste.bearer)
      .send({ userId: otherGaragiste.user.id })
      .expect(404);
    await api
      .put('/api/messages/read')
      .set('Authorization', garagiste.bearer)
      .send({ userId: { $ne: null } })
      .expect(400);
  });

  it('lists conversations newest first, cursor-paged', async () => {
    const client = await registerActor(testApp.baseUrl, 'client');
    const garagistes = await Promise.all([1, 2, 3, 4, 5].map(() => registerActor(testApp.baseUrl, 'garagiste')));
    for (const garagiste of garagistes)
      await send(client, {
        recipientId: garagiste.user.id,
        content: garagiste.user.name,
      }).expect(201);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await api.get(`/api/messages/conversations${query}`).set('Authorization', client.bearer).expect(200);
      seen.push(...page.body.items.map((c: { otherUser: { id: string } }) => c.otherUser.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(garagistes.map((g) => g.user.garageId).reverse());
    await api.get('/api/messages/conversations?cursor=abc').set('Authorization', client.bearer).expect(400);
  });

  it('keeps one sender’s rapid sends in send order', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    const agent = request.agent(testApp.baseUrl);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        agent
          .post('/api/messages')
          .set('Authorization', client.bearer)
          .send({ recipientId: garagiste.user.id, content: `n${i}` }),
      ),
    );
    const history = await api
      .get(`/api/messages/conversation/${garagiste.user.id}?limit=20`)
      .set('Authorization', client.bearer)
      .expect(200);
    expect(history.body.items).toHaveLength(10);
    const ids = history.body.items.map((m: MessageView) => m.id);
    expect([...ids].sort()).toEqual(ids);
  });

  it('documents the API at /api/docs and /api/docs-json', async () => {
    const spec = await api.get('/api/docs-json').expect(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/messages',
        '/api/messages/conversations',
        '/api/messages/conversation/{userId}',
        '/api/messages/read',
        '/api/messages/unread-count',
        '/api/auth/register',
        '/api/appointments/{id}/messages',
      ]),
    );
    expect(spec.body.components.schemas.ApiError.required).toEqual(['statusCode', 'code', 'message']);
    expect(Object.keys(spec.body.paths['/api/messages'].post.responses)).toEqual(
      expect.arrayContaining(['400', '401', '403']),
    );
    expect(spec.body.components.schemas.SendMessageDto.properties.content).toMatchObject({
      type: 'string',
      maxLength: 2000,
    });
    expect(spec.body.paths['/api/auth/login'].post.responses['401']).toBeDefined();
    expect(spec.body.paths['/api/health'].get.responses['401']).toBeUndefined();
    await api.get('/api/docs').expect(200);
  });
});
