import type { AuthResponse } from '@promoto/shared-dto';
import { ObjectId } from 'mongodb';
import request from 'supertest';
import { SessionRetention } from '../src/auth/session-retention';
import { registerActor, type Actor } from './support/actors';
import { connectSocket, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'motdepasse-solide';

/** Resolves with the reason the server gave when it closed the socket. */
const closed = (socket: ChatClient) => new Promise<string>((resolve) => socket.once('disconnect', resolve));

/**
 * Sessions over real HTTP and Socket.IO: refresh tokens rotate, one used twice ends its whole
 * family, logout and « Se déconnecter partout » end sessions, and the sockets of an ended session
 * close at once.
 */
describe('sessions: refresh, reuse, logout', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    testApp = await createTestApp();
    api = request(testApp.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await testApp.close();
  });

  const login = async (actor: Actor): Promise<AuthResponse> =>
    (await api.post('/api/auth/login').send({ email: actor.user.email, password: PASSWORD }).expect(200))
      .body as AuthResponse;
  const refresh = (refreshToken: string) => api.post('/api/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => api.get('/api/auth/me').set('Authorization', `Bearer ${accessToken}`);

  it('gives a refresh token at register and login, and each refresh gives the next pair of the same session', async () => {
    const camille = await registerActor(testApp.baseUrl, 'client', 'Camille');
    expect(camille.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const first = await login(camille);
    const { body: second } = await refresh(first.refreshToken).expect(200);
    expect(second).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      user: camille.user,
    });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.accessToken).expect(200)).body.id).toBe(camille.user.id);
    const sessionOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;
    expect(sessionOf(second.accessToken)).toBe(sessionOf(first.accessToken));
    const stored = await testApp.connection.collection('refresh_tokens').find({}).toArray();
    expect(stored.map((token) => token['_id'])).not.toContain(second.refreshToken);
  });

  it('ends the whole family when a refresh token is used twice: every token of it, and its sockets', async () => {
    const camille = await registerActor(testApp.baseUrl, 'client', 'Camille');
    const stolen = await login(camille);
    const otherDevice = await login(camille);
    const { body: owner } = await refresh(stolen.refreshToken).expect(200);
    const { body: next } = await refresh(owner.refreshToken).expect(200);
    const socket = await connectSocket(testApp.baseUrl, next.accessToken);
    const socketClosed = closed(socket);

    const reuse = await refresh(stolen.refreshToken).expect(401);
    expect(reuse.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/already used/) });
    expect(await socketClosed).toBe('io server disconnect');
    expect((await refresh(next.refreshToken).expect(401)).body.code).toBe('UNAUTHENTICATED');
    for (const token of [stolen.accessToken, owner.accessToken, next.accessToken]) {
      expect((await me(token).expect(401)).body.code).toBe('UNAUTHENTICATED');
    }
    await expect(connectSocket(testApp.baseUrl, next.accessToken)).rejects.toThrow(
      /^UNAUTHENTICATED: .*session has ended/,
    );

    // Another login of the same account is another family: it goes on.
    await me(otherDevice.accessToken).expect(200);
    await refresh(otherDevice.refreshToken).expect(200);
  });

  it('refuses an unknown or malformed refresh token without ending anything', async () => {
    const camille = await registerActor(testApp.baseUrl, 'client', 'Camille');
    expect((await refresh('A'.repeat(43)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await refresh('not a token').expect(400)).body.code).toBe('VALIDATION_FAILED');
    await refresh(camille.refreshToken).expect(200);
  });

  it('logout ends this session only: its tokens are refused, its sockets close, the other devices go on', async () => {
    const camille = await registerActor(testApp.baseUrl, 'client', 'Camille');
    const laptop = await login(camille);
    const phone = await login(camille);
    const laptopSocket = await connectSocket(testApp.baseUrl, laptop.accessToken);
    const phoneSocket = await connectSocket(testApp.baseUrl, phone.accessToken);
    const laptopClosed = closed(laptopSocket);
    let phoneClosed = false;
    phoneSocket.once('disconnect', () => (phoneClosed = true));

    await api.post('/api/auth/logout').set('Authorization', `Bearer ${laptop.accessToken}`).expect(204);
    expect(await laptopClosed).toBe('io server disconnect');
    await me(laptop.accessToken).expect(401);
    await refresh(laptop.refreshToken).expect(401);
    await expect(connectSocket(testApp.baseUrl, laptop.accessToken)).rejects.toThrow(/^UNAUTHENTICATED: /);

    await me(phone.accessToken).expect(200);
    expect(phoneClosed).toBe(false);
    phoneSocket.close();
  });

  it('« Se déconnecter partout » ends every session of the account and no one else’s', async () => {
    const [camille, julien] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'client', 'Julien'),
    ]);
    const laptop = await login(camille);
    const phone = await login(camille);
    const sockets = await Promise.all([laptop, phone].map((s) => connectSocket(testApp.baseUrl, s.accessToken)));
    const allClosed = Promise.all(sockets.map(closed));
    const julienSocket = await connectSocket(testApp.baseUrl, julien.accessToken);

    await api.post('/api/auth/logout-all').set('Authorization', `Bearer ${phone.accessToken}`).expect(204);
    expect(await allClosed).toEqual(['io server disconnect', 'io server disconnect']);
    for (const session of [camille, laptop, phone]) {
      await me(session.accessToken).expect(401);
      await refresh(session.refreshToken).expect(401);
    }
    await me(julien.accessToken).expect(200);
    expect(julienSocket.connected).toBe(true);
    julienSocket.close();
    // A new login after that works as usual.
    await me((await login(camille)).accessToken).expect(200);
  });

  it('purges exactly the sessions expired or ended 30 days ago, and the refresh tokens expired or used 7 days ago', async () => {
    const now = Date.now();
    const daysAgo = (days: number) => new Date(now - days * 86_400_000);
    const user = new ObjectId();
    const sessions = testApp.connection.collection('sessions');
    const tokens = testApp.connection
      .getClient()
      .db(testApp.connection.name)
      .collection<{ _id: string; session: ObjectId; expiresAt: Date; usedAt: Date | null }>('refresh_tokens');
    const session = (name: string, expiresAt: Date, revokedAt: Date | null) => ({
      _id: new ObjectId(),
      name,
      user,
      expiresAt,
      revokedAt,
    });
    const sessionDocs = [
      session('active', daysAgo(-10), null),
      session('expired', daysAgo(1), null),
      session('ended recently', daysAgo(-10), daysAgo(29)),
      session('ended long ago', daysAgo(-10), daysAgo(31)),
    ];
    await sessions.insertMany(sessionDocs);
    const token = (name: string, expiresAt: Date, usedAt: Date | null) => ({
      _id: `purge-test-${name}`,
      session: sessionDocs[0]._id,
      expiresAt,
      usedAt,
    });
    await tokens.insertMany([
      token('current', daysAgo(-10), null),
      token('used yesterday', daysAgo(-10), daysAgo(1)),
      token('used last month', daysAgo(-10), daysAgo(8)),
      token('expired', daysAgo(1), null),
    ]);

    expect(await testApp.app.get(SessionRetention).purge(now)).toEqual({ sessions: 2, refreshTokens: 2 });
    const left = await sessions.find({ user }).toArray();
    expect(left.map((doc) => doc['name']).sort()).toEqual(['active', 'ended recently']);
    const leftTokens = await tokens.find({ session: sessionDocs[0]._id }).toArray();
    expect(leftTokens.map((doc) => doc['_id']).sort()).toEqual(['purge-test-current', 'purge-test-used yesterday']);
  });
});
