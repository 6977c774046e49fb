import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { connectSocket, emitWithAck } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-ops-test';

describe('running it: rate limits, metrics, health, headers', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let client: Actor;
  let garagiste: Actor;

  beforeAll(async () => {
    testApp = await createTestApp({
      THROTTLE_AUTH_PER_MINUTE: '4',
      THROTTLE_SEND_PER_10S: '5',
      METRICS_TOKEN,
      FRONTEND_URL: 'http://app.promoto.test',
    });
    api = request(testApp.baseUrl);
    [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('limits login attempts per address with a clear 429', async () => {
    const attempts = [];
    for (let i = 0; i < 5; i += 1) {
      attempts.push(await api.post('/api/auth/login').send({ email: client.user.email, password: 'mauvais' }));
    }
    const statuses = attempts.map((response) => response.status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    const limited = attempts[4];
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/try again in \d+ s/),
    });
    expect(Number(limited.headers['retry-after-auth'])).toBeGreaterThan(0);
  });

  it('limits how fast one user sends, over REST and Socket.IO together', async () => {
    const send = (content: string) =>
      api.post('/api/messages').set('Authorization', client.bearer).send({ recipientId: garagiste.user.id, content });
    for (let i = 0; i < 4; i += 1) expect((await send(`ok ${i}`)).status).toBe(201);
    const socket = await connectSocket(testApp.baseUrl, client.accessToken);
    try {
      expect((await emitWithAck(socket, 'send-message', { recipientId: garagiste.user.id, content: 'ok 4' })).ok).toBe(
        true,
      );
      const refused = await emitWithAck(socket, 'send-message', { recipientId: garagiste.user.id, content: 'trop' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect((await send('encore trop')).status).toBe(429);
      const other = await api
        .post('/api/messages')
        .set('Authorization', garagiste.bearer)
        .send({ recipientId: client.user.id, content: 'le garagiste peut répondre' });
      expect(other.status).toBe(201);
    } finally {
      socket.close();
    }
    expect(await testApp.connection.collection('messages').countDocuments({ content: /trop/ })).toBe(0);
  });

  it('serves Prometheus metrics to the bearer of METRICS_TOKEN only', async () => {
    await api.get('/api/metrics').expect(401);
    await api.get('/api/metrics').set('Authorization', 'Bearer not-the-token-at-all').expect(401);
    const socket = await connectSocket(testApp.baseUrl, garagiste.accessToken);
    try {
      const metrics = await api.get('/api/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
      const text = metrics.text;
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="POST",route="\/api\/messages",status="201"\} \d+/,
      );
      expect(text).toMatch(/^chat_messages_sent_total [1-9]\d*$/m);
      expect(text).toMatch(/^socketio_connected_sockets 1$/m);
      expect(text).toMatch(/^socketio_acks_failed_total\{code="RATE_LIMITED"\} 1$/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    } finally {
      socket.close();
    }
  });

  it('answers liveness and readiness, which checks the database and not Redis', async () => {
    expect((await api.get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await api.get('/api/health/ready').expect(200);
    expect(ready.body.info).toEqual({ server: { status: 'up' }, database: { status: 'up' } });
  });

  it('sends security headers, a request id, and CORS for the configured origin only', async () => {
    const response = await api.get('/api/health/live').set('X-Request-Id', 'req-from-the-load-balancer');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-request-id']).toBe('req-from-the-load-balancer');

    const allowed = await api
      .options('/api/messages')
      .set('Origin', 'http://app.promoto.test')
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://app.promoto.test');
    const refused = await api
      .options('/api/messages')
      .set('Origin', 'http://evil.test')
      .set('Access-Control-Request-Method', 'POST');
    expect(refused.headers['access-control-allow-origin']).not.toBe('http://evil.test');
  });
});
