import type { MessageView } from '@promoto/shared-dto';
import { io } from 'socket.io-client';
import { registerActor, type Actor } from './support/actors';
import { startReplicaPair, startRedis, waitFor, type ApiProcess, type RedisProcess } from './support/processes';
import { connectSocket, emitWithAck, pause, recordEvents, type ChatClient } from './support/sockets';
import { dropTestDatabase, testDatabaseName, testServerUri } from './support/test-database';

const METRICS_TOKEN = 'metrics-token-for-the-redis-blip-test';

/** Two replicas over one Redis that goes away for 3 s while their users keep talking. */
describe('a Redis blip under two replicas', () => {
  let redis: RedisProcess;
  let replicaA: ApiProcess;
  let replicaB: ApiProcess;
  let client: Actor;
  let garagiste: Actor;
  const sockets: ChatClient[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const env = {
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      REDIS_URL: redis.url,
      METRICS_TOKEN,
    };
    [replicaA, replicaB] = await startReplicaPair(env);
    client = await registerActor(replicaA.baseUrl, 'client', 'Camille');
    garagiste = await registerActor(replicaB.baseUrl, 'garagiste', 'Marc');
  }, 60_000);

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    for (const running of [replicaA, replicaB, redis]) running?.child.kill('SIGKILL');
    await dropTestDatabase();
  });

  const redisUp = async (replica: ApiProcess) => {
    const response = await fetch(`${replica.baseUrl}/api/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const text = await response.text();
    return {
      commands: /^redis_connection_up\{connection="commands"\} 1$/m.test(text),
      publisher: /^redis_connection_up\{connection="publisher"\} 1$/m.test(text),
    };
  };

  it('keeps both replicas ready and delivers every acknowledged message to the other replica', async () => {
    const clientOnA = await connectSocket(replicaA.baseUrl, client.accessToken);
    const garagisteOnB = await connectSocket(replicaB.baseUrl, garagiste.accessToken);
    sockets.push(clientOnA, garagisteOnB);
    // Each side also gets its own messages (for its other tabs): only the other side's are counted.
    const allOnB = recordEvents(garagisteOnB, 'new-message');
    const allOnA = recordEvents(clientOnA, 'new-message');
    const receivedOnB = () => allOnB.filter((message) => message.senderId === client.user.id);
    const receivedOnA = () => allOnA.filter((message) => message.senderId === garagiste.user.id);

    const unready: string[] = [];
    let watching = true;
    const watchReadiness = (async () => {
      while (watching) {
        for (const replica of [replicaA, replicaB]) {
          const status = await fetch(`${replica.baseUrl}/api/health/ready`).then(
            (response) => response.status,
            (error: Error) => error.message,
          );
          if (status !== 200) unready.push(`${replica.baseUrl}: ${status}`);
        }
        await pause(100);
      }
    })();

    const acknowledgedFromA: MessageView[] = [];
    const acknowledgedFromB: MessageView[] = [];
    let talking = true;
    let sequence = 0;
    const talk = (async () => {
      while (talking) {
        sequence += 1;
        const [fromA, fromB] = await Promise.all([
          emitWithAck(clientOnA, 'send-message', { recipientId: garagiste.user.id, content: `A ${sequence}` }),
          emitWithAck(garagisteOnB, 'send-message', { recipientId: client.user.id, content: `B ${sequence}` }),
        ]);
        if (fromA.ok) acknowledgedFromA.push(fromA['message'] as MessageView);
        if (fromB.ok) acknowledgedFromB.push(fromB['message'] as MessageView);
        await pause(100);
      }
    })();

    try {
      await pause(1_000);
      redis.child.kill('SIGKILL');
      await redis.exited;
      await waitFor(async () => !(await redisUp(replicaA)).publisher, 10_000, 'replica A to see Redis gone');
      const sentBeforeKill = acknowledgedFromA.length;
      await pause(3_000);
      // Sends went on while Redis was away: the database, not Redis, acknowledges a message.
      expect(acknowledgedFromA.length).toBeGreaterThan(sentBeforeKill);
      redis = await startRedis(redis.port);
      await waitFor(
        async () => (await redisUp(replicaA)).publisher && (await redisUp(replicaB)).publisher,
        20_000,
        'both replicas to reconnect to Redis',
      );
      await pause(1_000);
    } finally {
      talking = false;
      await talk;
    }
    try {
      await waitFor(
        async () =>
          receivedOnB().length >= acknowledgedFromA.length && receivedOnA().length >= acknowledgedFromB.length,
        30_000,
        'every acknowledged message to reach the other replica',
      ).catch(() => undefined);
    } finally {
      watching = false;
      await watchReadiness;
    }

    expect(receivedOnB().map((message) => message.id)).toEqual(acknowledgedFromA.map((message) => message.id));
    expect(receivedOnA().map((message) => message.id)).toEqual(acknowledgedFromB.map((message) => message.id));
    expect(unready).toEqual([]);
  }, 120_000);

  it("recovers a dropped socket's missed events on the other replica", async () => {
    const garagisteOnA = await connectSocket(replicaA.baseUrl, garagiste.accessToken);
    sockets.push(garagisteOnA);
    // A client that reconnects by itself, to whichever replica the balancer picks: here B.
    const wandering = io(replicaA.baseUrl, {
      auth: { token: client.accessToken },
      transports: ['websocket'],
      reconnectionDelay: 100,
      forceNew: true,
    });
    sockets.push(wandering as ChatClient);
    await new Promise<void>((resolve) => wandering.once('connect', () => resolve()));
    const received = recordEvents(wandering as ChatClient, 'new-message');
    const first = await emitWithAck(garagisteOnA, 'send-message', { recipientId: client.user.id, content: 'Avant' });
    await waitFor(async () => received.length === 1, 15_000, 'the first message');

    wandering.io.opts.reconnectionDelayMax = 100;
    (wandering.io as unknown as { uri: string }).uri = replicaB.baseUrl;
    wandering.io.engine.close();
    const missed = await emitWithAck(garagisteOnA, 'send-message', { recipientId: client.user.id, content: 'Pendant' });
    await new Promise<void>((resolve) => wandering.once('connect', () => resolve()));

    expect(wandering.recovered).toBe(true);
    await waitFor(async () => received.length === 2, 15_000, 'the missed message');
    expect(received.map((message) => message.id)).toEqual([
      (first['message'] as MessageView).id,
      (missed['message'] as MessageView).id,
    ]);
  }, 60_000);
});
