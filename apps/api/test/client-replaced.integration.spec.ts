import { registerActor } from './support/actors';
import { clients, record } from './support/clients';
import { waitFor } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'motdepasse-solide';

/** A socket replaced by the account's newer ones stops for good; a send the API refuses rejects with its code. */
describe('@promoto/client replaced, or refused', () => {
  let testApp: TestApp;
  const client = clients(() => testApp);

  // Booting the app takes long on a loaded machine.
  beforeAll(async () => {
    testApp = await createTestApp({ MAX_SOCKETS_PER_USER: '2' });
  }, 120_000);

  afterAll(async () => {
    await testApp.close();
  });

  it('rejects a refused send with its code, and stops with SESSION_REPLACED', async () => {
    const marc = await registerActor(testApp.baseUrl, 'garagiste', 'Marc');
    const oldest = client();
    await oldest.login({ email: marc.user.email, password: PASSWORD });
    const stopped = record(oldest, 'stopped');
    await oldest.connect();
    await expect(oldest.send({ recipientId: 'pas-un-id', content: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    for (const newer of [client(), client()]) {
      await newer.login({ email: marc.user.email, password: PASSWORD });
      await newer.connect();
    }
    await waitFor(async () => stopped.length > 0, 10_000, 'the oldest socket to stop');
    expect(stopped[0][0]).toMatchObject({ code: 'SESSION_REPLACED' });
    await expect(oldest.send({ recipientId: marc.user.id, content: 'Encore là ?' })).rejects.toMatchObject({
      code: 'SESSION_REPLACED',
    });
  }, 30_000);
});
