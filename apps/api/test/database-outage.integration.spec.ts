import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { waitFor } from './support/processes';
import { connectSocket, emitWithAck, pause, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';
import { testServerUri } from './support/test-database';

describe('sending while the database is away', () => {
  let proxy: TcpProxy;
  let testApp: TestApp;
  let client: Actor;
  let garagiste: Actor;
  let socket: ChatClient;

  const sendOverRest = (content: string) =>
    request(testApp.baseUrl)
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .send({ recipientId: garagiste.user.id, content, clientMessageId: content });

  beforeAll(async () => {
    const server = new URL(testServerUri().split(',')[0]);
    proxy = new TcpProxy(server.hostname, Number(server.port || 27017));
    await proxy.open();
    testApp = await createTestApp({
      MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/?directConnection=true`,
      ACCOUNT_CACHE_TTL_MS: '60000',
    });
    [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    socket = await connectSocket(testApp.baseUrl, client.accessToken);
    await sendOverRest('avant').expect(201);
  });

  afterAll(async () => {
    socket.close();
    await proxy.open();
    await testApp.close();
    await proxy.cut();
  });

  it('fails fast with 503 DATABASE_UNAVAILABLE, says not ready, and sends again within 2 s of its return', async () => {
    await proxy.cut();

    for (let attempt = 0; attempt < 3; attempt += 1) {
      const started = Date.now();
      const response = await sendOverRest(`pendant-${attempt}`);
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(response.headers['retry-after']).toBe('2');

      const ackStarted = Date.now();
      const ack = await emitWithAck(socket, 'send-message', {
        recipientId: garagiste.user.id,
        content: `socket-${attempt}`,
      });
      expect(Date.now() - ackStarted).toBeLessThan(2_500);
      expect(ack).toMatchObject({ ok: false, error: { code: 'DATABASE_UNAVAILABLE' } });
    }
    expect((await request(testApp.baseUrl).get('/api/health/ready')).status).toBe(503);

    await proxy.open();
    const back = Date.now();
    let status = 0;
    while (status !== 201 && Date.now() - back < 5_000) {
      status = (await sendOverRest('apres')).status;
      if (status !== 201) await pause(100);
    }
    expect(status).toBe(201);
    expect(Date.now() - back).toBeLessThan(2_000);
    expect((await request(testApp.baseUrl).get('/api/health/ready')).status).toBe(200);
    const ack = await emitWithAck(socket, 'send-message', { recipientId: garagiste.user.id, content: 'socket-apres' });
    expect(ack.ok).toBe(true);
  });

  it('lets a read wait through an outage shorter than an election instead of failing it', async () => {
    await proxy.cut();
    // As during an election: the driver's monitoring knows there is no server to take the read.
    await waitFor(
      async () => (await request(testApp.baseUrl).get('/api/health/ready')).status === 503,
      5_000,
      'readiness to see the database gone',
    );
    const started = Date.now();
    const history = request(testApp.baseUrl)
      .get(`/api/messages/conversation/${garagiste.user.id}`)
      .set('Authorization', client.bearer)
      .then((response) => response);
    await pause(3_000);
    await proxy.open();
    const response = await history;
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(response.body.items.map((message: { content: string }) => message.content)).toContain('avant');
  });
});
