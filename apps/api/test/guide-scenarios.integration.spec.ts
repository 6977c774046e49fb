import type { AppointmentView, ConversationView, GarageView, MessageView, Page } from '@promoto/shared-dto';
import request from 'supertest';
import { book, registerActor, type Actor } from './support/actors';
import { connectSocket, emitWithAck, nextEvent, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

/** The three scenarios of the user's guide, end to end over HTTP and Socket.IO. */
describe("the guide's scenarios", () => {
  let testApp: TestApp;
  let client: Actor;
  let garagiste: Actor;
  let clientSocket: ChatClient;
  let garagisteSocket: ChatClient;
  const get = <T>(actor: Actor, path: string) =>
    request(testApp.baseUrl)
      .get(path)
      .set('Authorization', actor.bearer)
      .expect(200)
      .then((r) => r.body as T);

  beforeAll(async () => {
    testApp = await createTestApp();
    [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
    ]);
    [clientSocket, garagisteSocket] = await Promise.all([
      connectSocket(testApp.baseUrl, client.accessToken),
      connectSocket(testApp.baseUrl, garagiste.accessToken),
    ]);
  });

  afterAll(async () => {
    clientSocket.close();
    garagisteSocket.close();
    await testApp.close();
  });

  it('scenario 1: a client contacts the garagiste from an appointment, the message linked to it', async () => {
    await book(testApp.baseUrl, client, garagiste, 'Distribution');
    const {
      items: [appointment],
    } = await get<Page<AppointmentView>>(client, '/api/appointments');

    const delivered = nextEvent(garagisteSocket, 'new-message');
    const ack = await emitWithAck(clientSocket, 'send-message', {
      recipientId: appointment.garagisteId,
      content: 'La pièce est arrivée ? Je peux venir à 9 h.',
      appointmentId: appointment.id,
    });
    expect(ack.ok).toBe(true);
    const message = await delivered;
    expect(message).toMatchObject({
      senderId: client.user.id,
      appointmentId: appointment.id,
    });

    // The booking wrote its notice into the thread first; the client's message follows it.
    const linked = await get<Page<MessageView>>(garagiste, `/api/appointments/${appointment.id}/messages`);
    expect(linked.items).toEqual([
      expect.objectContaining({
        kind: 'booking-event',
        senderId: client.user.id,
        bookingEvent: expect.objectContaining({ action: 'created', appointmentId: appointment.id }),
      }),
      message,
    ]);
  });

  it('scenario 2: a client contacts a garage from its page, before booking', async () => {
    const other = await registerActor(testApp.baseUrl, 'garagiste', 'Sophie');
    const otherSocket = await connectSocket(testApp.baseUrl, other.accessToken);
    try {
      const garage = await get<GarageView>(client, `/api/garages/${other.user.garageId}`);
      const delivered = nextEvent(otherSocket, 'new-message');
      const sent = await request(testApp.baseUrl)
        .post('/api/messages')
        .set('Authorization', client.bearer)
        .send({
          recipientId: garage.ownerId,
          content: 'Faites-vous la distribution sur une Clio de 2012 ?',
        })
        .expect(201);
      expect(await delivered).toEqual(sent.body);

      const conversations = await get<Page<ConversationView>>(client, '/api/messages/conversations');
      expect(conversations.items[0]).toMatchObject({
        // The conversation is the garage's: the client sees the garage.
        otherUser: {
          id: garage.id,
          name: garage.name,
          role: 'garagiste',
          garageName: garage.name,
        },
        lastMessage: {
          content: 'Faites-vous la distribution sur une Clio de 2012 ?',
        },
        unreadCount: 0,
      });
    } finally {
      otherSocket.close();
    }
  });

  it('scenario 3: the garagiste sees the clients who wrote, opens one and replies live', async () => {
    const list = await get<Page<ConversationView>>(garagiste, '/api/messages/conversations');
    const withCamille = list.items.find((c) => c.otherUser.id === client.user.id);
    expect(withCamille).toMatchObject({
      otherUser: { name: 'Camille', role: 'client' },
      unreadCount: 2,
    });

    // Camille's booking notice and her message.
    const history = await get<Page<MessageView>>(garagiste, `/api/messages/conversation/${client.user.id}`);
    expect(history.items).toHaveLength(2);
    await emitWithAck(garagisteSocket, 'join-room', { userId: client.user.id });
    const receipt = nextEvent(clientSocket, 'messages-read');
    expect(
      (
        await emitWithAck(garagisteSocket, 'mark-read', {
          userId: client.user.id,
        })
      ).ok,
    ).toBe(true);
    expect((await receipt).lastReadMessageId).toBe(history.items[1].id);

    const reply = nextEvent(clientSocket, 'new-message');
    const ack = await emitWithAck(garagisteSocket, 'send-message', {
      recipientId: client.user.id,
      content: 'Oui, venez à 9 h.',
    });
    expect(ack.ok).toBe(true);
    expect(await reply).toMatchObject({
      senderId: garagiste.user.id,
      content: 'Oui, venez à 9 h.',
    });
    expect(await get<{ total: number }>(client, '/api/messages/unread-count')).toEqual({ total: 1 });
  });
});
