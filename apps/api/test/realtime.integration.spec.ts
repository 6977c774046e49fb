import type { MessageView } from '@promoto/shared-dto';
import request from 'supertest';
import { book, registerActor, type Actor } from './support/actors';
import { connectSocket, emitWithAck, nextEvent, pause, recordEvents, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

describe('real-time chat over Socket.IO', () => {
  let testApp: TestApp;
  const sockets: ChatClient[] = [];
  const connect = async (actor: Actor) => {
    const socket = await connectSocket(testApp.baseUrl, actor.accessToken);
    sockets.push(socket);
    return socket;
  };
  const pair = async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    return { client, garagiste };
  };

  beforeAll(async () => {
    testApp = await createTestApp();
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await testApp.close();
  });

  it('delivers send-message to the recipient and to the sender’s other tab, and acknowledges the stored message to the sending tab only', async () => {
    const { client, garagiste } = await pair();
    const [clientTab1, clientTab2, garagisteTab] = await Promise.all([
      connect(client),
      connect(client),
      connect(garagiste),
    ]);

    const atRecipient = nextEvent(garagisteTab, 'new-message');
    const atOtherTab = nextEvent(clientTab2, 'new-message');
    const atSendingTab = recordEvents(clientTab1, 'new-message');
    const ack = await emitWithAck(clientTab1, 'send-message', {
      recipientId: garagiste.user.id,
      content: 'Bonjour !',
      clientMessageId: 'tab1-1',
    });

    expect(ack).toEqual({
      ok: true,
      message: expect.objectContaining({
        content: 'Bonjour !',
        senderId: client.user.id,
        clientMessageId: 'tab1-1',
      }),
    });
    const message = (ack as unknown as { message: MessageView }).message;
    expect(await atRecipient).toEqual(message);
    expect(await atOtherTab).toEqual(message);
    // The other tab's copy arrived; the sending tab's would have been emitted with it: there is none.
    await pause(100);
    expect(atSendingTab).toEqual([]);

    const stored = await request(testApp.baseUrl)
      .get(`/api/messages/conversation/${client.user.id}`)
      .set('Authorization', garagiste.bearer);
    expect(stored.body.items).toEqual([message]);
  });

  it('moves the badge live with conversation-updated, and sends read receipts with messages-read', async () => {
    const { client, garagiste } = await pair();
    const [clientSocket, garagisteSocket] = await Promise.all([connect(client), connect(garagiste)]);

    const badge = nextEvent(garagisteSocket, 'conversation-updated', (event) => event.conversation.unreadCount === 2);
    await emitWithAck(clientSocket, 'send-message', {
      recipientId: garagiste.user.id,
      content: 'Un',
    });
    const second = await emitWithAck(clientSocket, 'send-message', {
      recipientId: garagiste.user.id,
      content: 'Deux',
    });
    const updated = await badge;
    // A new message's event carries no total: the tab adds the conversation's change, and the
    // badge is written before the event goes out.
    expect(updated).not.toHaveProperty('unreadTotal');
    expect(
      (await request(testApp.baseUrl).get('/api/messages/unread-count').set('Authorization', garagiste.bearer)).body,
    ).toEqual({ total: 2 });
    expect(updated).toMatchObject({
      conversation: {
        otherUser: { id: client.user.id, role: 'client' },
        lastMessage: { content: 'Deux' },
        unreadCount: 2,
      },
    });

    const receipt = nextEvent(clientSocket, 'messages-read');
    const cleared = nextEvent(garagisteSocket, 'conversation-updated', (event) => event.conversation.unreadCount === 0);
    const read = await emitWithAck(garagisteSocket, 'mark-read', {
      userId: client.user.id,
    });
    const lastId = (second as unknown as { message: MessageView }).message.id;
    expect(read).toMatchObject({
      ok: true,
      result: { lastReadMessageId: lastId, unreadTotal: 0 },
    });
    expect(await receipt).toEqual({
      conversationId: updated.conversation.id,
      readerId: garagiste.user.id,
      lastReadMessageId: lastId,
      readAt: expect.any(String),
    });
    expect((await cleared).unreadTotal).toBe(0);
  });

  it('keeps the unread total exact when two tabs and a REST call read at once', async () => {
    const { client, garagiste } = await pair();
    const [tab1, tab2, clientSocket] = await Promise.all([connect(garagiste), connect(garagiste), connect(client)]);
    for (const content of ['a', 'b', 'c']) {
      await emitWithAck(clientSocket, 'send-message', { recipientId: garagiste.user.id, content });
    }
    const reads = await Promise.all([
      emitWithAck(tab1, 'mark-read', { userId: client.user.id }),
      emitWithAck(tab2, 'mark-read', { userId: client.user.id }),
      request(testApp.baseUrl)
        .put('/api/messages/read')
        .set('Authorization', garagiste.bearer)
        .send({ userId: client.user.id }),
    ]);
    expect(reads.slice(0, 2).every((ack) => ack.ok)).toBe(true);
    const unread = () =>
      request(testApp.baseUrl)
        .get('/api/messages/unread-count')
        .set('Authorization', garagiste.bearer)
        .then((r) => r.body.total);
    expect(await unread()).toBe(0);

    const badge = nextEvent(tab1, 'conversation-updated', (event) => event.conversation.unreadCount === 1);
    await emitWithAck(clientSocket, 'send-message', { recipientId: garagiste.user.id, content: 'd' });
    expect((await badge).conversation.unreadCount).toBe(1);
    expect(await unread()).toBe(1);
  });

  it('sends a read receipt when the read comes over REST too', async () => {
    const { client, garagiste } = await pair();
    const clientSocket = await connect(client);
    await request(testApp.baseUrl)
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .send({ recipientId: garagiste.user.id, content: 'REST' })
      .expect(201);
    const receipt = nextEvent(clientSocket, 'messages-read');
    await request(testApp.baseUrl)
      .put('/api/messages/read')
      .set('Authorization', garagiste.bearer)
      .send({ userId: client.user.id })
      .expect(200);
    expect((await receipt).readerId).toBe(garagiste.user.id);
  });

  it('joins a conversation room only when part of it, and relays typing there without storing it', async () => {
    const { client, garagiste } = await pair();
    const stranger = await registerActor(testApp.baseUrl, 'client');
    const [clientSocket, garagisteSocket, strangerSocket] = await Promise.all([
      connect(client),
      connect(garagiste),
      connect(stranger),
    ]);

    expect(
      await emitWithAck(clientSocket, 'join-room', {
        userId: garagiste.user.id,
      }),
    ).toEqual({ ok: true, conversationId: null });
    const first = await emitWithAck(clientSocket, 'send-message', {
      recipientId: garagiste.user.id,
      content: 'Salut',
    });
    const conversationId = (first as unknown as { message: MessageView }).message.conversationId;

    expect(await emitWithAck(garagisteSocket, 'join-room', { conversationId })).toEqual({ ok: true, conversationId });
    expect(
      await emitWithAck(clientSocket, 'join-room', {
        userId: garagiste.user.id,
      }),
    ).toEqual({ ok: true, conversationId });

    const strangerJoin = await emitWithAck(strangerSocket, 'join-room', {
      conversationId,
    });
    expect(strangerJoin).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.any(String) },
    });
    const strangerTyping = recordEvents(strangerSocket, 'typing');

    const typing = nextEvent(garagisteSocket, 'typing');
    expect(
      await emitWithAck(clientSocket, 'typing', {
        recipientId: garagiste.user.id,
        isTyping: true,
      }),
    ).toEqual({ ok: true });
    expect(await typing).toEqual({
      conversationId,
      userId: client.user.id,
      isTyping: true,
    });

    expect(
      await emitWithAck(strangerSocket, 'typing', {
        recipientId: garagiste.user.id,
        isTyping: true,
      }),
    ).toMatchObject({ ok: false });
    await pause(200);
    expect(strangerTyping).toEqual([]);
    expect(
      await testApp.connection
        .collection('messages')
        .countDocuments({ conversation: { $exists: true }, content: 'Salut' }),
    ).toBe(1);
  });

  it('answers every refusal through the acknowledgement and stores nothing', async () => {
    const { client, garagiste } = await pair();
    const otherClient = await registerActor(testApp.baseUrl, 'client');
    const socket = await connect(client);
    const foreign = await book(testApp.baseUrl, otherClient, garagiste);
    const before = await testApp.connection.collection('messages').countDocuments();

    const cases: [unknown, string][] = [
      [{ recipientId: client.user.id, content: 'moi' }, 'FORBIDDEN'],
      [{ recipientId: otherClient.user.id, content: 'client à client' }, 'FORBIDDEN'],
      [{ recipientId: garagiste.user.id, content: '' }, 'VALIDATION_FAILED'],
      [{ recipientId: garagiste.user.id, content: 'x'.repeat(2_001) }, 'VALIDATION_FAILED'],
      [{ recipientId: garagiste.user.id, content: 'x', extra: true }, 'VALIDATION_FAILED'],
      [{ recipientId: { $gt: '' }, content: 'x' }, 'VALIDATION_FAILED'],
      [
        {
          recipientId: garagiste.user.id,
          content: 'x',
          appointmentId: foreign.id,
        },
        'FORBIDDEN',
      ],
      ['not an object', 'VALIDATION_FAILED'],
    ];
    for (const [payload, code] of cases) {
      const ack = await emitWithAck(socket, 'send-message', payload);
      expect(ack).toMatchObject({
        ok: false,
        error: { code, message: expect.any(String) },
      });
    }
    expect(await emitWithAck(socket, 'join-room', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await emitWithAck(socket, 'mark-read', { userId: otherClient.user.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await testApp.connection.collection('messages').countDocuments()).toBe(before);
  });

  it('delivers one sender’s burst in send order, and a retried send once', async () => {
    const { client, garagiste } = await pair();
    const [clientSocket, garagisteSocket] = await Promise.all([connect(client), connect(garagiste)]);
    const received = recordEvents(garagisteSocket, 'new-message');

    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        emitWithAck(clientSocket, 'send-message', {
          recipientId: garagiste.user.id,
          content: `#${i}`,
          clientMessageId: `burst-${i}`,
        }),
      ),
    );
    const retry = await emitWithAck(clientSocket, 'send-message', {
      recipientId: garagiste.user.id,
      content: '#0',
      clientMessageId: 'burst-0',
    });
    expect((retry as unknown as { message: MessageView }).message).toEqual(
      (acks[0] as unknown as { message: MessageView }).message,
    );

    const ackIds = acks.map((ack) => (ack as unknown as { message: MessageView }).message.id);
    expect([...ackIds].sort()).toEqual(ackIds);
    for (let waited = 0; received.length < 20 && waited < 5_000; waited += 50) await pause(50);
    await pause(100);
    expect(received.map((message) => message.content)).toEqual(Array.from({ length: 20 }, (_, i) => `#${i}`));
  });

  it('lets a client that was offline catch up with after', async () => {
    const { client, garagiste } = await pair();
    const clientSocket = await connect(client);
    const seen = await emitWithAck(clientSocket, 'send-message', {
      recipientId: garagiste.user.id,
      content: 'Avant la coupure',
    });
    const lastSeenId = (seen as unknown as { message: MessageView }).message.id;
    clientSocket.close();

    for (const content of ['Pendant 1', 'Pendant 2']) {
      await request(testApp.baseUrl)
        .post('/api/messages')
        .set('Authorization', garagiste.bearer)
        .send({ recipientId: client.user.id, content })
        .expect(201);
    }
    const back = await connect(client);
    expect(back.connected).toBe(true);
    const missed = await request(testApp.baseUrl)
      .get(`/api/messages/conversation/${garagiste.user.id}?after=${lastSeenId}`)
      .set('Authorization', client.bearer)
      .expect(200);
    expect(missed.body.items.map((m: MessageView) => m.content)).toEqual(['Pendant 1', 'Pendant 2']);
    expect(missed.body.nextCursor).toBeNull();
  });
});
