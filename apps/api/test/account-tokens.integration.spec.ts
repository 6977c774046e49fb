import { Types } from 'mongoose';
import request from 'supertest';
import { TokenService } from '../src/auth/token.service';
import { book, nextSlot, registerActor } from './support/actors';
import { connectSocket, pause } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

const ACCOUNT_CACHE_TTL_MS = 300;

describe('tokens stand for accounts that exist, with the role and garage the account has', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let tokens: TokenService;

  beforeAll(async () => {
    testApp = await createTestApp({ ACCOUNT_CACHE_TTL_MS: String(ACCOUNT_CACHE_TTL_MS) });
    api = request(testApp.baseUrl);
    tokens = testApp.app.get(TokenService);
  });

  afterAll(async () => {
    await testApp.close();
  });

  const guardedCalls = (bearer: string, someId: string) => [
    api.get('/api/auth/me').set('Authorization', bearer),
    api.get('/api/messages/conversations').set('Authorization', bearer),
    api.get('/api/messages/unread-count').set('Authorization', bearer),
    api.get(`/api/messages/conversation/${someId}`).set('Authorization', bearer),
    api.put('/api/messages/read').set('Authorization', bearer).send({ userId: someId }),
    api.post('/api/messages').set('Authorization', bearer).send({ recipientId: someId, content: 'Bonjour' }),
    api.get('/api/appointments').set('Authorization', bearer),
    api.get('/api/garages').set('Authorization', bearer),
    api.get(`/api/users/${someId}`).set('Authorization', bearer),
  ];

  it('refuses a validly signed token whose account never existed, on every guarded route and the socket', async () => {
    const garagiste = await registerActor(testApp.baseUrl, 'garagiste');
    const token = await tokens.sign(
      { id: new Types.ObjectId().toHexString(), role: 'client' },
      new Types.ObjectId().toHexString(),
    );
    for (const response of await Promise.all(guardedCalls(`Bearer ${token}`, garagiste.user.id))) {
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    }
    await expect(connectSocket(testApp.baseUrl, token)).rejects.toMatchObject({
      message: expect.stringMatching(/^UNAUTHENTICATED: /),
    });
  });

  it('refuses the token of a deleted account once the account cache has expired', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    await api.get('/api/auth/me').set('Authorization', client.bearer).expect(200);
    (await connectSocket(testApp.baseUrl, client.accessToken)).close();
    await testApp.connection.collection('users').deleteOne({ _id: new Types.ObjectId(client.user.id) });
    await pause(ACCOUNT_CACHE_TTL_MS + 50);
    for (const response of await Promise.all(guardedCalls(client.bearer, garagiste.user.id))) {
      expect(response.status).toBe(401);
    }
    await expect(connectSocket(testApp.baseUrl, client.accessToken)).rejects.toMatchObject({
      message: expect.stringMatching(/^UNAUTHENTICATED: /),
    });
  });

  it('takes the role and garage from the account, not from the token', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    const other = await registerActor(testApp.baseUrl, 'client');
    const booking = await book(testApp.baseUrl, other, garagiste);
    // Signed with the API's own key, in the client's own session: only the claimed role and garage are false.
    const { sessionId } = await tokens.verifySession(client.accessToken);
    const forged = await tokens.sign(
      { id: client.user.id, role: 'garagiste', garageId: garagiste.user.garageId },
      sessionId,
    );
    const bookings = await api.get('/api/appointments').set('Authorization', `Bearer ${forged}`).expect(200);
    expect(bookings.body.items.map((item: { id: string }) => item.id)).not.toContain(booking.id);
    await api.get(`/api/appointments/${booking.id}`).set('Authorization', `Bearer ${forged}`).expect(404);
    const booked = await api.post('/api/appointments').set('Authorization', `Bearer ${forged}`).send({
      garageId: garagiste.user.garageId,
      scheduledAt: nextSlot(),
      service: 'Pneus',
    });
    expect(booked.status).toBe(201);
  });
});
