import type { MessageView } from '@promoto/shared-dto';
import { registerActor, type Actor } from './support/actors';
import { connectSocket, emitWithAck, nextEvent, pause, recordEvents, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

describe('one user cannot slow the others down over Socket.IO', () => {
  let testApp: TestApp;
  const sockets: ChatClient[] = [];
  const connect = async (actor: Actor) => {
    const socket = await connectSocket(testApp.baseUrl, actor.accessToken);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    testApp = await createTestApp({ TYPING_EVENTS_PER_SECOND: '5', MAX_SOCKETS_PER_USER: '3' });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp.close();
  });

  /** A client and a garagiste with a conversation, each with a socket in the conversation's room. */
  async function pair() {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    const [clientSocket, garagisteSocket] = await Promise.all([connect(client), connect(garagiste)]);
    // The first message's listeners read the conversation too: the pair is ready once they are done.
    const recorded = nextEvent(garagisteSocket, 'conversation-updated', () => true, 15_000);
    const first = await emitWithAck(clientSocket, 'send-message', {
      recipientId: garagiste.user.id,
      content: 'Bonjour',
    });
    expect(first.ok).toBe(true);
    await recorded;
    let conversationId = '';
    for (const [socket, other] of [
      [clientSocket, garagiste],
      [garagisteSocket, client],
    ] as const) {
      const joined = await emitWithAck(socket, 'join-room', { userId: other.user.id });
      expect(joined).toMatchObject({ ok: true });
      if (typeof joined['conversationId'] === 'string') conversationId = joined['conversationId'];
    }
    return { client, garagiste, clientSocket, garagisteSocket, conversationId };
  }

  it('relays a few typing events per second per pair, refuses the rest with RATE_LIMITED, without database reads', async () => {
    const { garagiste, clientSocket, garagisteSocket, conversationId } = await pair();
    expect(conversationId).not.toBe('');
    const relayed = recordEvents(garagisteSocket, 'typing');
    // Reads of this conversation only: other pairs' work is not the typing relay's.
    const reads = { count: 0 };
    const onCommand = (event: { commandName: string; command: Record<string, unknown> }) => {
      const filter = event.command['filter'] as { _id?: unknown } | undefined;
      if (
        event.commandName === 'find' &&
        event.command['find'] === 'conversations' &&
        String(filter?._id) === conversationId
      )
        reads.count += 1;
    };
    const client = testApp.connection.getClient();
    client.on('commandStarted', onCommand);
    const acks = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        emitWithAck(clientSocket, 'typing', { recipientId: garagiste.user.id, isTyping: index % 2 === 0 }),
      ),
    );
    client.off('commandStarted', onCommand);
    const accepted = acks.filter((ack) => ack.ok);
    const refused = acks.filter((ack) => !ack.ok);
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    expect(accepted.length).toBeLessThanOrEqual(10);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(reads.count).toBeLessThanOrEqual(1);
    await pause(100);
    expect(relayed.length).toBe(accepted.length);

    await pause(1_000);
    expect(await emitWithAck(clientSocket, 'typing', { recipientId: garagiste.user.id, isTyping: false })).toEqual({
      ok: true,
    });
  });

  it('keeps another pair under 150 ms p95 from send to receive during a 1,000-event typing flood', async () => {
    const flooder = await pair();
    const other = await pair();
    const latencies: number[] = [];
    const flood = Promise.all(
      Array.from({ length: 1_000 }, () =>
        emitWithAck(flooder.clientSocket, 'typing', { recipientId: flooder.garagiste.user.id, isTyping: true }),
      ),
    );
    for (let index = 0; index < 40; index += 1) {
      const content = `Message ${index}`;
      const started = performance.now();
      const received = nextEvent(
        other.garagisteSocket,
        'new-message',
        (message: MessageView) => message.content === content,
      );
      await emitWithAck(other.clientSocket, 'send-message', { recipientId: other.garagiste.user.id, content });
      await received;
      latencies.push(performance.now() - started);
      await pause(10);
    }
    const floodAcks = await flood;
    expect(floodAcks.filter((ack) => ack.ok).length).toBeLessThanOrEqual(15);
    expect(percentile(latencies, 95)).toBeLessThan(150);
  });

  it('caps the sockets of one account: the oldest is told session-replaced and closed, the others keep working', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    const first = await connect(client);
    const told = nextEvent(first, 'session-replaced');
    const closed = new Promise<string>((resolve) => first.once('disconnect', resolve));
    const rest = [await connect(client), await connect(client), await connect(client)];
    expect(await told).toEqual({ reason: 'too-many-sockets', message: expect.stringContaining('3') });
    expect(await closed).toBe('io server disconnect');
    const garagisteSocket = await connect(garagiste);
    // The sending socket has its message in the ack; the account's other tabs and the recipient get new-message.
    const deliveries = [rest[1], rest[2], garagisteSocket].map((socket) => nextEvent(socket, 'new-message'));
    expect(
      await emitWithAck(rest[0], 'send-message', { recipientId: garagiste.user.id, content: 'Bonjour' }),
    ).toMatchObject({ ok: true });
    await Promise.all(deliveries);
  });
});
