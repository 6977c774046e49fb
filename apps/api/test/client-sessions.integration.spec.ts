import { PromotoError, unwrap } from '@promoto/client';
import type { AuthResponse } from '@promoto/shared-dto';
import request from 'supertest';
import { registerActor, sendMessage, type Actor } from './support/actors';
import { clients, record } from './support/clients';
import { waitFor } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'motdepasse-solide';

/**
 * @promoto/client's sessions against the API with 3-second tokens: renewed through the refresh
 * route when they expire (the socket the server closes reconnects, REST calls are made again), or
 * stopped with a typed code.
 */
describe('@promoto/client with expiring sessions', () => {
  let testApp: TestApp;
  const client = clients(() => testApp);

  // Booting the app takes long on a loaded machine.
  beforeAll(async () => {
    testApp = await createTestApp({ JWT_EXPIRES_IN: '3' });
  }, 120_000);

  afterAll(async () => {
    await testApp.close();
  });

  /** The actor with a fresh token: those of this app last 3 seconds. */
  const loggedIn = async (actor: Actor): Promise<Actor> => {
    const { body } = await request(testApp.baseUrl)
      .post('/api/auth/login')
      .send({ email: actor.user.email, password: PASSWORD })
      .expect(200);
    return { ...actor, bearer: `Bearer ${(body as AuthResponse).accessToken}` };
  };

  it('renews an expired session through the refresh route: the socket comes back, REST calls go through, nothing is missed', async () => {
    const camille = await registerActor(testApp.baseUrl, 'client', 'Camille');
    const renewing = client();
    await renewing.login({ email: camille.user.email, password: PASSWORD });
    const firstRefreshToken = renewing.session?.refreshToken;
    const received = record(renewing, 'message');
    const disconnections = record(renewing, 'disconnected');
    await renewing.connect();
    const firstToken = renewing.session?.accessToken;

    await waitFor(async () => disconnections.length > 0, 10_000, 'the server to close the expired socket');
    expect(disconnections[0]).toEqual(['io server disconnect']);
    // Sophie may answer Camille once Camille wrote to her garage.
    const sophie = await registerActor(testApp.baseUrl, 'garagiste', 'Sophie');
    const asked = await sendMessage(testApp.baseUrl, await loggedIn(camille), sophie, 'Bonjour, un devis ?');
    const answer = await sendMessage(testApp.baseUrl, await loggedIn(sophie), camille, 'Votre voiture est prête.');
    // Camille's own message, sent from elsewhere (REST here), is hers from another device: it comes too.
    await waitFor(async () => received.length === 2, 10_000, 'the messages sent around the expiry');
    expect(received.map(([message]) => message.id)).toEqual([asked.id, answer.id]);

    // Past another expiry: the send waits for the renewed socket, the REST call is renewed and made again.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const reply = await renewing.send({ recipientId: sophie.user.id, content: 'Merci !' });
    expect(reply).toMatchObject({ senderId: camille.user.id, content: 'Merci !' });
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await expect(renewing.markRead(sophie.user.id)).resolves.toMatchObject({ unreadTotal: 0 });
    expect(renewing.session?.accessToken).not.toBe(firstToken);
    expect(renewing.session?.refreshToken).not.toBe(firstRefreshToken);
    expect(received).toHaveLength(2);
  }, 60_000);

  it('renews by logging in again with renew: true', async () => {
    const camille = await registerActor(testApp.baseUrl, 'client', 'Camille');
    const renewing = client();
    await renewing.login({ email: camille.user.email, password: PASSWORD }, { renew: true });
    const firstToken = renewing.session?.accessToken;
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await expect(unwrap(renewing.api.GET('/api/auth/me'))).resolves.toMatchObject({ id: camille.user.id });
    expect(renewing.session?.accessToken).not.toBe(firstToken);
  }, 30_000);

  it('logout ends the session on the server: its tokens stop working', async () => {
    const camille = await registerActor(testApp.baseUrl, 'client', 'Camille');
    const leaving = client();
    const session = await leaving.login({ email: camille.user.email, password: PASSWORD });
    await leaving.connect();
    await leaving.logout();
    expect(leaving.session).toBeNull();
    await request(testApp.baseUrl)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${session.accessToken}`)
      .expect(401);
    await request(testApp.baseUrl).post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  }, 30_000);

  it('without a refresh token or a renewal, stops with TOKEN_EXPIRED and fails its calls with it', async () => {
    const camille = await registerActor(testApp.baseUrl, 'client', 'Camille');
    const expiring = client();
    // A session kept from elsewhere, without its refresh token.
    expiring.useSession({ accessToken: (await loggedIn(camille)).bearer.slice('Bearer '.length), user: camille.user });
    const stopped = record(expiring, 'stopped');
    await expiring.connect();
    await waitFor(async () => stopped.length > 0, 10_000, 'the socket to stop');
    expect(stopped[0][0]).toMatchObject({ code: 'TOKEN_EXPIRED' });
    await expect(expiring.markRead(camille.user.id)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
    const refused = await expiring.send({ recipientId: camille.user.id, content: 'Allô ?' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PromotoError);
    expect(refused).toMatchObject({ code: 'TOKEN_EXPIRED' });
  }, 30_000);
});
