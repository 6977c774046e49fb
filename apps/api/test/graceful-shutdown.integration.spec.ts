import { MongoClient } from 'mongodb';
import { DrainService } from '../src/lifecycle/drain.service';
import { registerActor } from './support/actors';
import { startApiProcess } from './support/processes';
import { connectSocket, pause } from './support/sockets';
import { createTestApp } from './support/test-app';
import { testDatabaseName, testServerUri } from './support/test-database';

describe('graceful shutdown on SIGTERM', () => {
  afterAll(async () => {
    const mongo = await MongoClient.connect(testServerUri());
    await mongo.db(testDatabaseName()).dropDatabase();
    await mongo.close();
  });

  it('stores every acknowledged message of a stream of sends, tells sockets to go, and exits in time', async () => {
    const api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      SHUTDOWN_TIMEOUT_MS: '5000',
    });
    const [client, garagiste] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'garagiste'),
    ]);
    const socket = await connectSocket(api.baseUrl, client.accessToken);
    const disconnectReason = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const acked: string[] = [];
    const refusedCodes = new Set<string>();
    let sent = 0;
    let sigtermAt = 0;
    const pending: Promise<void>[] = [];
    while (Date.now() - (sigtermAt || Date.now()) < 1_500 && socket.connected) {
      const clientMessageId = `stream-${sent}`;
      sent += 1;
      pending.push(
        socket
          .timeout(6_000)
          .emitWithAck('send-message', { recipientId: garagiste.user.id, content: `Message ${sent}`, clientMessageId })
          .then(
            (ack) => {
              if (ack.ok) acked.push(ack.message.id);
              else refusedCodes.add(ack.error.code);
            },
            () => undefined,
          ),
      );
      if (sent === 60) {
        sigtermAt = Date.now();
        api.child.kill('SIGTERM');
      }
      await pause(5);
    }
    await Promise.all(pending);
    const { code } = await api.exited;
    const shutdownMs = Date.now() - sigtermAt;

    expect(code).toBe(0);
    expect(shutdownMs).toBeLessThan(5_000);
    expect(await disconnectReason).toBe('io server disconnect');
    expect(acked.length).toBeGreaterThanOrEqual(60 - 20);
    for (const refused of refusedCodes) expect(refused).toBe('SERVICE_UNAVAILABLE');

    const mongo = await MongoClient.connect(testServerUri());
    try {
      const stored = await mongo
        .db(testDatabaseName())
        .collection('messages')
        .find({}, { projection: { _id: 1 } })
        .toArray();
      const storedIds = new Set(stored.map((message) => message._id.toHexString()));
      expect(acked.filter((id) => !storedIds.has(id))).toEqual([]);
    } finally {
      await mongo.close();
    }
  });

  it('refuses new Socket.IO handshakes once draining, so that clients reconnect to another replica', async () => {
    const testApp = await createTestApp();
    try {
      const client = await registerActor(testApp.baseUrl, 'client');
      const handshake = () => fetch(`${testApp.baseUrl}/socket.io/?EIO=4&transport=polling`);
      expect((await handshake()).status).toBe(200);

      await testApp.app.get(DrainService).beforeApplicationShutdown('SIGTERM');

      expect((await handshake()).status).toBe(403);
      await expect(connectSocket(testApp.baseUrl, client.accessToken)).rejects.toThrow();
      expect((await fetch(`${testApp.baseUrl}/api/health/ready`)).status).toBe(503);
    } finally {
      await testApp.close();
    }
  });
});
