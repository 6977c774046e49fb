import type { MessageView, UnreadCountView } from '@promoto/shared-dto';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { ConversationRecorder } from '../src/messages/conversation-recorder';
import { GaragesService } from '../src/garages/garages.service';
import { eventually } from './support/eventually';
import { registerActor, type Actor } from './support/actors';
import { startApiProcess, type ApiProcess } from './support/processes';
import { connectSocket, emitWithAck, pause, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';
import { testDatabaseName, testServerUri } from './support/test-database';

const messageOf = (ack: unknown) => (ack as { message: MessageView }).message;

async function storedMessages(filter: Record<string, unknown> = {}) {
  const mongo = await MongoClient.connect(testServerUri());
  try {
    return await mongo.db(testDatabaseName()).collection('messages').find(filter).sort({ _id: 1 }).toArray();
  } finally {
    await mongo.close();
  }
}

const unreadTotal = async (baseUrl: string, actor: Actor) =>
  (
    (await request(baseUrl).get('/api/messages/unread-count').set('Authorization', actor.bearer).expect(200))
      .body as UnreadCountView
  ).total;

describe('the send pipeline', () => {
  const sockets: ChatClient[] = [];

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    const mongo = await MongoClient.connect(testServerUri());
    await mongo.db(testDatabaseName()).dropDatabase();
    await mongo.close();
  });

  describe('in one process', () => {
    let api: TestApp;

    beforeAll(async () => {
      api = await createTestApp();
    });

    afterAll(() => api.close());

    const connect = async (actor: Actor) => {
      const socket = await connectSocket(api.baseUrl, actor.accessToken);
      sockets.push(socket);
      return socket;
    };

    it('stores concurrent senders’ messages once each, in each sender’s order, and counts them all', async () => {
      const garagiste = await registerActor(api.baseUrl, 'garagiste');
      const clients = await Promise.all(Array.from({ length: 12 }, () => registerActor(api.baseUrl, 'client')));
      const perSender = 8;
      const send = (socket: ChatClient, client: Actor, index: number) =>
        emitWithAck(socket, 'send-message', {
          recipientId: garagiste.user.id,
          content: `${client.user.name} #${index}`,
          clientMessageId: `${client.user.id}-${index}`,
        });
      const clientSockets = await Promise.all(clients.map(connect));
      // Each socket emits its messages back to back: Socket.IO keeps one socket's order.
      const acks = await Promise.all(
        clients.map((client, c) =>
          Promise.all(Array.from({ length: perSender }, (_, index) => send(clientSockets[c], client, index))),
        ),
      );
      for (const senderAcks of acks) {
        const ids = senderAcks.map((ack) => messageOf(ack).id);
        expect(senderAcks.every((ack) => ack.ok)).toBe(true);
        expect([...ids].sort()).toEqual(ids);
      }

      // Every retry, all at once, is answered with the stored message and stores nothing.
      const retried = await Promise.all(
        clients.map((client, c) =>
          Promise.all(Array.from({ length: perSender }, (_, index) => send(clientSockets[c], client, index))),
        ),
      );
      expect(retried.map((senderAcks) => senderAcks.map((ack) => messageOf(ack).id))).toEqual(
        acks.map((senderAcks) => senderAcks.map((ack) => messageOf(ack).id)),
      );
      const stored = await storedMessages({ recipient: { $exists: true } });
      const toGaragiste = stored.filter((message) => message['recipient'].toHexString() === garagiste.user.garageId);
      expect(toGaragiste).toHaveLength(clients.length * perSender);
      expect(await unreadTotal(api.baseUrl, garagiste)).toBe(clients.length * perSender);
    });

    it('heals the unread badge when its update failed after the conversation’s: the listeners run again', async () => {
      const [client, garagiste] = await Promise.all([
        registerActor(api.baseUrl, 'client'),
        registerActor(api.baseUrl, 'garagiste'),
      ]);
      // The garage's badge: its received total, raised with the other badges of the batch.
      const garages = api.app.get(GaragesService);
      const addReceived = jest.spyOn(garages, 'addReceivedCounts').mockRejectedValueOnce(new Error('injected failure'));
      const post = (content: string) =>
        request(api.baseUrl)
          .post('/api/messages')
          .set('Authorization', client.bearer)
          .send({ recipientId: garagiste.user.id, content })
          .expect(201);
      try {
        await post('Premier message');
        await api.app.get(ConversationRecorder).whenIdle();
        expect(addReceived).toHaveBeenCalled();
        // The acknowledged message's listeners are tried again a moment later: the badge is set whole.
        await eventually(async () => expect(await unreadTotal(api.baseUrl, garagiste)).toBe(1));

        await post('Deuxième message');
        expect(await unreadTotal(api.baseUrl, garagiste)).toBe(2);
      } finally {
        addReceived.mockRestore();
      }
      await request(api.baseUrl)
        .put('/api/messages/read')
        .set('Authorization', garagiste.bearer)
        .send({ userId: client.user.id })
        .expect(200);
      expect(await unreadTotal(api.baseUrl, garagiste)).toBe(0);
    });
  });

  describe('as separate processes', () => {
    const processes: ApiProcess[] = [];
    const env = () => ({ MONGODB_URI: testServerUri(), MONGODB_DB: testDatabaseName() });

    afterAll(() => {
      for (const api of processes) api.child.kill('SIGKILL');
    });

    const start = async () => {
      const api = await startApiProcess(env());
      processes.push(api);
      return api;
    };

    const connectTo = async (api: ApiProcess, actor: Actor) => {
      const socket = await connectSocket(api.baseUrl, actor.accessToken);
      sockets.push(socket);
      return socket;
    };

    it('loses no acknowledged message when the process is killed in the middle of a stream', async () => {
      const api = await start();
      const [client, garagiste] = await Promise.all([
        registerActor(api.baseUrl, 'client'),
        registerActor(api.baseUrl, 'garagiste'),
      ]);
      const socket = await connectTo(api, client);
      const acked: string[] = [];
      const pending: Promise<void>[] = [];
      let firstAck: () => void = () => undefined;
      const acknowledging = new Promise<void>((resolve) => (firstAck = resolve));
      for (let sent = 0; sent < 200 && socket.connected; sent += 1) {
        pending.push(
          socket
            .timeout(3_000)
            .emitWithAck('send-message', { recipientId: garagiste.user.id, content: `Message ${sent}` })
            .then(
              (ack) => {
                if (!ack.ok) return;
                acked.push(ack.message.id);
                firstAck();
              },
              () => undefined,
            ),
        );
        if (sent === 80) {
          // Killed while sends are being acknowledged, however late a loaded machine answers the first.
          await acknowledging;
          api.child.kill('SIGKILL');
        }
        await pause(2);
      }
      await Promise.all(pending);
      await api.exited;

      expect(acked.length).toBeGreaterThan(0);
      const storedIds = new Set((await storedMessages()).map((message) => message['_id'].toHexString()));
      expect(acked.filter((id) => !storedIds.has(id))).toEqual([]);
    });

    it('keeps unread counts exact when two processes hammer one conversation from both sides', async () => {
      const [replicaA, replicaB] = await Promise.all([start(), start()]);
      const [client, garagiste] = await Promise.all([
        registerActor(replicaA.baseUrl, 'client'),
        registerActor(replicaB.baseUrl, 'garagiste'),
      ]);
      const [clientOnA, garagisteOnB] = await Promise.all([
        connectTo(replicaA, client),
        connectTo(replicaB, garagiste),
      ]);
      await emitWithAck(clientOnA, 'send-message', { recipientId: garagiste.user.id, content: 'Bonjour' });
      const burst = 40;
      const hammer = (socket: ChatClient, to: Actor) =>
        Promise.all(
          Array.from({ length: burst }, (_, index) =>
            emitWithAck(socket, 'send-message', { recipientId: to.user.id, content: `Rafale ${index}` }),
          ),
        );
      const acks = (await Promise.all([hammer(clientOnA, garagiste), hammer(garagisteOnB, client)])).flat();
      expect(acks.filter((ack) => !ack.ok)).toEqual([]);

      // Each replica records its own messages after acknowledging them: the other one's reads see
      // them a moment later.
      const newest = (await storedMessages()).at(-1);
      await eventually(async () => {
        expect(await unreadTotal(replicaB.baseUrl, garagiste)).toBe(burst + 1);
        expect(await unreadTotal(replicaA.baseUrl, client)).toBe(burst);
        const list = await request(replicaA.baseUrl)
          .get('/api/messages/conversations')
          .set('Authorization', client.bearer)
          .expect(200);
        expect(list.body.items[0]).toMatchObject({ unreadCount: burst });
        expect(list.body.items[0].lastMessage.id).toBe(newest?.['_id'].toHexString());
      });

      // Both read at once, on different processes, while nothing else arrives: both badges reach zero.
      await Promise.all([
        emitWithAck(clientOnA, 'mark-read', { userId: garagiste.user.id }),
        emitWithAck(garagisteOnB, 'mark-read', { userId: client.user.id }),
      ]);
      expect(await unreadTotal(replicaA.baseUrl, client)).toBe(0);
      expect(await unreadTotal(replicaB.baseUrl, garagiste)).toBe(0);
    });
  });
});
