import request from 'supertest';
import { registerActor } from './support/actors';
import { connectSocket } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

describe('expired tokens', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ JWT_EXPIRES_IN: '3' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('closes a socket when its token expires, then answers TOKEN_EXPIRED over REST and to a new handshake', async () => {
    const actor = await registerActor(testApp.baseUrl, 'client');
    const socket = await connectSocket(testApp.baseUrl, actor.accessToken);
    const connectedAt = Date.now();
    const reason = await new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
    expect(Date.now() - connectedAt).toBeLessThan(4_000);

    const response = await request(testApp.baseUrl).get('/api/auth/me').set('Authorization', actor.bearer).expect(401);
    expect(response.body.code).toBe('TOKEN_EXPIRED');
    await expect(connectSocket(testApp.baseUrl, actor.accessToken)).rejects.toThrow(/^TOKEN_EXPIRED: /);
  });
});
