import request from 'supertest';
import { registerActor } from './support/actors';
import { connectSocket, pause } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

describe('expired tokens', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ JWT_EXPIRES_IN: '1' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('answers TOKEN_EXPIRED over REST and refuses the socket handshake with the same reason', async () => {
    const actor = await registerActor(testApp.baseUrl, 'client');
    await pause(2_100);
    const response = await request(testApp.baseUrl).get('/api/auth/me').set('Authorization', actor.bearer).expect(401);
    expect(response.body.code).toBe('TOKEN_EXPIRED');
    await expect(connectSocket(testApp.baseUrl, actor.accessToken)).rejects.toThrow(/^TOKEN_EXPIRED: /);
  });
});
