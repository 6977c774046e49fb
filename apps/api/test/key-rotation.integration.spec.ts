import type { AuthResponse } from '@promoto/shared-dto';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { KeyRing } from '../src/keys/key-ring';
import { unsubscribeToken } from '../src/notifications/unsubscribe-token';
import { registerActor } from './support/actors';
import { PRODUCTION_TEST_SECRET, startApiProcess, type ApiProcess } from './support/processes';
import { dropTestDatabase, testDatabaseName, testServerUri } from './support/test-database';

const PASSWORD = 'motdepasse-solide';

/** A key of a key set, with a secret of production strength. */
const key = (kid: string) => ({ kid, secret: randomBytes(32).toString('hex') });
const keySet = (...keys: { kid: string; secret: string }[]) =>
  keys.map(({ kid, secret }) => `${kid}:${secret}`).join(',');
const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;

/**
 * Key rotation as ops run it, one API process after another on the same database: from
 * JWT_SECRET alone to key sets, then a new key first with the old one still verifying, then the
 * old one removed. What was signed with a key verifies while it is in its set, and not after;
 * sessions (refresh tokens are not signed) go on through every step.
 */
describe('key rotation', () => {
  const sessionKeys = [key('s-2026-06'), key('s-2026-12')];
  const attachmentKeys = [key('a-2026-06'), key('a-2026-12')];
  const unsubscribeKeys = [key('u-2026-06'), key('u-2026-12')];
  let api: ApiProcess | undefined;

  const start = async (env: Record<string, string>) => {
    api?.child.kill('SIGKILL');
    await api?.exited;
    api = await startApiProcess({ MONGODB_URI: testServerUri(), MONGODB_DB: testDatabaseName(), ...env });
    return request(api.baseUrl);
  };

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await dropTestDatabase();
  });

  it('verifies an old key during the rotation and not after, for access tokens and unsubscribe links', async () => {
    // 1. JWT_SECRET alone, as before key sets: tokens carry no kid.
    let http = await start({ JWT_SECRET: PRODUCTION_TEST_SECRET });
    const camille = await registerActor((api as ApiProcess).baseUrl, 'client', 'Camille');
    const me = (token: string) => http.get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    const login = async () =>
      (await http.post('/api/auth/login').send({ email: camille.user.email, password: PASSWORD }).expect(200))
        .body as AuthResponse;
    const unsubscribePage = (token: string) => http.get('/api/notifications/unsubscribe').query({ token });
    expect(kidOf(camille.accessToken)).toBeUndefined();
    const userId = camille.user.id;
    const legacyLink = unsubscribeToken(new KeyRing([], Buffer.from(PRODUCTION_TEST_SECRET)), { userId, version: 0 });

    // 2. Key sets added, JWT_SECRET kept: the new keys sign, what JWT_SECRET signed still verifies.
    http = await start({
      JWT_SECRET: PRODUCTION_TEST_SECRET,
      SESSION_KEYS: keySet(sessionKeys[0]),
      ATTACHMENT_LINK_KEYS: keySet(attachmentKeys[0]),
      UNSUBSCRIBE_LINK_KEYS: keySet(unsubscribeKeys[0]),
    });
    await me(camille.accessToken).expect(200);
    await unsubscribePage(legacyLink).expect(200);
    const first = await login();
    expect(kidOf(first.accessToken)).toBe('s-2026-06');
    const firstLink = unsubscribeToken(new KeyRing([unsubscribeKeys[0]], null), { userId, version: 0 });

    // 3. Rotation: the new key first, the old one still in the set; JWT_SECRET gone.
    http = await start({
      JWT_SECRET: '',
      SESSION_KEYS: keySet(sessionKeys[1], sessionKeys[0]),
      ATTACHMENT_LINK_KEYS: keySet(attachmentKeys[1], attachmentKeys[0]),
      UNSUBSCRIBE_LINK_KEYS: keySet(unsubscribeKeys[1], unsubscribeKeys[0]),
    });
    await me(first.accessToken).expect(200);
    await unsubscribePage(firstLink).expect(200);
    expect((await me(camille.accessToken).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await unsubscribePage(legacyLink).expect(400);
    const second = await login();
    expect(kidOf(second.accessToken)).toBe('s-2026-12');

    // 4. After the overlap: the old key removed.
    http = await start({
      JWT_SECRET: '',
      SESSION_KEYS: keySet(sessionKeys[1]),
      ATTACHMENT_LINK_KEYS: keySet(attachmentKeys[1]),
      UNSUBSCRIBE_LINK_KEYS: keySet(unsubscribeKeys[1]),
    });
    expect((await me(first.accessToken).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await unsubscribePage(firstLink).expect(400);
    await me(second.accessToken).expect(200);
    // Refresh tokens are random values checked against the database: the sessions outlive every key.
    const renewed = (await http.post('/api/auth/refresh').send({ refreshToken: camille.refreshToken }).expect(200))
      .body as AuthResponse;
    expect(kidOf(renewed.accessToken)).toBe('s-2026-12');
    await me(renewed.accessToken).expect(200);
  }, 180_000);
});
