import type { AuthResponse } from '@promoto/shared-dto';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import sharp from 'sharp';
import request from 'supertest';
import { nextSlot, registerActor, type Actor } from './support/actors';
import { startApiProcess, startRedis, waitFor, type ApiProcess, type RedisProcess } from './support/processes';
import { connectSocket, emitWithAck, type ChatClient } from './support/sockets';
import { testDatabaseName, testServerUri } from './support/test-database';

const LIMITS = {
  THROTTLE_UPLOADS_PER_HOUR: '2',
  THROTTLE_BOOKINGS_PER_HOUR: '2',
  THROTTLE_SEND_PER_10S: '3',
  THROTTLE_LOGIN_PER_ACCOUNT_PER_15MIN: '3',
  THROTTLE_REFRESH_PER_MINUTE: '3',
};

/**
 * Each limit counts and blocks only its own action: once the uploads of the hour are used up,
 * sending (REST and Socket.IO) and booking still work, and the other way round; in the
 * throttler's in-process store and on Redis alike.
 */
describe.each([
  ['in process', false],
  ['on Redis', true],
])('rate limits %s', (_where, withRedis) => {
  let redis: RedisProcess | undefined;
  let api: ApiProcess;
  let client: Actor;
  let garagiste: Actor;
  let socket: ChatClient;

  beforeAll(async () => {
    redis = withRedis ? await startRedis() : undefined;
    api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      ...LIMITS,
      ...(redis ? { REDIS_URL: redis.url } : {}),
    });
    [client, garagiste] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'garagiste'),
    ]);
    socket = await connectSocket(api.baseUrl, client.accessToken);
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    api?.child.kill('SIGKILL');
    redis?.child.kill('SIGKILL');
    const mongo = await MongoClient.connect(testServerUri());
    await mongo.db(testDatabaseName()).dropDatabase();
    await mongo.close();
  });

  let tinyPng: Buffer;
  beforeAll(async () => {
    tinyPng = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#2980b9' } })
      .png()
      .toBuffer();
  });

  const upload = (actor: Actor) =>
    request(api.baseUrl)
      .post('/api/attachments')
      .set('Authorization', actor.bearer)
      .attach('file', tinyPng, { filename: 'p.png', contentType: 'image/png' });

  const sendRest = (content: string) =>
    request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .send({ recipientId: garagiste.user.id, content });

  const book = () =>
    request(api.baseUrl).post('/api/appointments').set('Authorization', client.bearer).send({
      garageId: garagiste.user.garageId,
      scheduledAt: nextSlot(),
      service: 'Vidange',
    });

  it('keeps sending and booking open once the uploads of the hour are used up, and the other way round', async () => {
    await upload(client).expect(201);
    await upload(client).expect(201);
    expect((await upload(client).expect(429)).body.code).toBe('RATE_LIMITED');

    await sendRest('Après les photos').expect(201);
    expect(
      await emitWithAck(socket, 'send-message', { recipientId: garagiste.user.id, content: 'Par le socket' }),
    ).toMatchObject({ ok: true });
    await book().expect(201);

    // Three messages in 10 s: the fourth is refused, on both transports, and booking stays open.
    await sendRest('Troisième').expect(201);
    expect((await sendRest('Trop vite').expect(429)).body.code).toBe('RATE_LIMITED');
    expect(
      await emitWithAck(socket, 'send-message', { recipientId: garagiste.user.id, content: 'Trop vite' }),
    ).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    await book().expect(201);
    expect((await book().expect(429)).body.code).toBe('RATE_LIMITED');

    // Someone else's limits are their own; the client's uploads are still refused.
    await upload(garagiste).expect(201);
    await upload(client).expect(429);
  });

  it('blocks logins to one account without blocking its other limits', async () => {
    const owner = await registerActor(api.baseUrl, 'client');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await request(api.baseUrl)
        .post('/api/auth/login')
        .send({ email: owner.user.email, password: 'pas-le-bon-mot' })
        .expect(401);
    }
    await request(api.baseUrl)
      .post('/api/auth/login')
      .send({ email: owner.user.email, password: 'pas-le-bon-mot' })
      .expect(429);
    await upload(owner).expect(201);
    await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', owner.bearer)
      .send({ recipientId: garagiste.user.id, content: 'Toujours là' })
      .expect(201);
  });

  it('limits token refreshes per address, before the refresh token is used up', async () => {
    const holder = await registerActor(api.baseUrl, 'client');
    const refresh = (refreshToken: string) => request(api.baseUrl).post('/api/auth/refresh').send({ refreshToken });
    let latest: AuthResponse = holder;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      latest = (await refresh(latest.refreshToken).expect(200)).body as AuthResponse;
    }
    const refused = await refresh(latest.refreshToken).expect(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Refused before the token was looked at: not counted as a reuse, so the session lives on.
    await request(api.baseUrl).get('/api/auth/me').set('Authorization', `Bearer ${latest.accessToken}`).expect(200);
    await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', `Bearer ${latest.accessToken}`)
      .send({ recipientId: garagiste.user.id, content: 'Session intacte' })
      .expect(201);
  });
});

/** With Redis gone, limits are counted in the process instead: logins stay limited. */
describe('rate limits while Redis is away', () => {
  let redis: RedisProcess;
  let api: ApiProcess;

  beforeAll(async () => {
    redis = await startRedis();
    api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      ...LIMITS,
      THROTTLE_AUTH_PER_MINUTE: '10000',
      REDIS_URL: redis.url,
    });
  }, 60_000);

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    redis?.child.kill('SIGKILL');
    const mongo = await MongoClient.connect(testServerUri());
    await mongo.db(testDatabaseName()).dropDatabase();
    await mongo.close();
  });

  it('refuses the fourth wrong password on one account with Redis killed, and counts on Redis again once it is back', async () => {
    const owner = await registerActor(api.baseUrl, 'client');
    const attempt = () =>
      request(api.baseUrl).post('/api/auth/login').send({ email: owner.user.email, password: 'pas-le-bon-mot' });
    redis.child.kill('SIGKILL');
    await redis.exited;

    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // The right password is refused too while the account is blocked: nobody guesses through the blip.
    await request(api.baseUrl)
      .post('/api/auth/login')
      .send({ email: owner.user.email, password: 'motdepasse-solide' })
      .expect(429);

    redis = await startRedis(redis.port);
    const keys = new Redis(redis.url);
    try {
      // The API reconnects on its own schedule: once an attempt lands in Redis, Redis counts again.
      await waitFor(
        async () => {
          await request(api.baseUrl)
            .post('/api/auth/login')
            .send({ email: 'sonde@example.test', password: 'pas-le-bon-mot' });
          return (await keys.keys('*sonde@example.test*')).length > 0;
        },
        15_000,
        'the API to count on Redis again',
      );
      const other = await registerActor(api.baseUrl, 'client');
      const otherAttempt = () =>
        request(api.baseUrl).post('/api/auth/login').send({ email: other.user.email, password: 'pas-le-bon-mot' });
      const afterReturn: number[] = [];
      for (let index = 0; index < 4; index += 1) afterReturn.push((await otherAttempt()).status);
      expect(afterReturn).toEqual([401, 401, 401, 429]);
      expect((await keys.keys(`*login-account:${other.user.email}*`)).length).toBeGreaterThan(0);
    } finally {
      keys.disconnect();
    }
  });
});
