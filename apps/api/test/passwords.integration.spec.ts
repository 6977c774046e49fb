import bcrypt from 'bcryptjs';
import request from 'supertest';
import { createTestApp, type TestApp } from './support/test-app';

const STRONG = 'courroie-vidange-lundi';

describe('passwords: strength, hashing, and guessing limits', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let sequence = 0;

  const email = () => {
    sequence += 1;
    return `marie${sequence}@example.test`;
  };
  const register = (body: Record<string, unknown>) =>
    api.post('/api/auth/register').send({ email: email(), name: 'Marie Curie', role: 'client', ...body });
  /** Each attempt from another address: the per-address limit never applies, the per-account one does. */
  const login = (address: number, body: object) =>
    api.post('/api/auth/login').set('X-Forwarded-For', `198.51.100.${address}`).send(body);
  const storedHash = async (address: string) =>
    (await testApp.connection.collection('users').findOne({ email: address }))?.['passwordHash'] as string;

  beforeAll(async () => {
    testApp = await createTestApp({
      TRUST_PROXY: '1',
      THROTTLE_LOGIN_PER_ADDRESS_AND_ACCOUNT_PER_15MIN: '3',
      THROTTLE_LOGIN_PER_ACCOUNT_PER_15MIN: '6',
    });
    api = request(testApp.baseUrl);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it.each([
    ['12345678', /très utilisé/],
    ['password', /très utilisé/],
    ['        ', /répétés/],
    ['azerty123', /couramment utilisé/],
    ['promoto2026', /trop facile/],
  ])('refuses %j with WEAK_PASSWORD and a French reason', async (password, reason) => {
    const response = await register({ password }).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'WEAK_PASSWORD' });
    expect(response.body.message).toMatch(/^Mot de passe trop facile à deviner\./);
    expect(response.body.message).toMatch(reason);
  });

  it("refuses the person's own email and name as a password", async () => {
    const address = 'jeanne.moreau@example.test';
    const asEmail = await api
      .post('/api/auth/register')
      .send({ email: address, password: address, name: 'Jeanne', role: 'client' })
      .expect(400);
    expect(asEmail.body.code).toBe('WEAK_PASSWORD');
    const asName = await register({ name: 'Bartholomé Villeneuve', password: 'BartholoméVilleneuve' }).expect(400);
    expect(asName.body.code).toBe('WEAK_PASSWORD');
    expect(asName.body.message).toMatch(/données personnelles/);
  });

  it('accepts a passphrase and stores an argon2id hash', async () => {
    const address = email();
    await api
      .post('/api/auth/register')
      .send({ email: address, password: STRONG, name: 'Marie', role: 'client' })
      .expect(201);
    expect(await storedHash(address)).toMatch(/^\$argon2id\$/);
  });

  it('caps passwords at 128 characters (an emoji is one) and never cuts them', async () => {
    const emoji = `${STRONG}${'🔧'.repeat(128 - STRONG.length)}`;
    const address = email();
    await api
      .post('/api/auth/register')
      .send({ email: address, password: emoji, name: 'Marie', role: 'client' })
      .expect(201);
    const tooLong = await register({ password: `${STRONG} ${'x'.repeat(128)}` }).expect(400);
    expect(tooLong.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'password must be at most 128 characters',
    });

    const head = 'é'.repeat(40);
    const long = email();
    await api
      .post('/api/auth/register')
      .send({ email: long, password: `${head}-premiere-fin`, name: 'Marie', role: 'client' })
      .expect(201);
    await login(1, { email: long, password: `${head}-seconde-fin` }).expect(401);
    await login(2, { email: long, password: `${head}-premiere-fin` }).expect(200);
  });

  it('verifies a bcrypt hash from before argon2id, then replaces it at that login', async () => {
    const address = email();
    await testApp.connection.collection('users').insertOne({
      email: address,
      passwordHash: await bcrypt.hash(STRONG, 4),
      name: 'Ancien compte',
      role: 'client',
    });
    await login(3, { email: address, password: 'pas-le-bon-mot' }).expect(401);
    expect(await storedHash(address)).toMatch(/^\$2[aby]\$/);
    await login(4, { email: address, password: STRONG }).expect(200);
    expect(await storedHash(address)).toMatch(/^\$argon2id\$/);
    await login(5, { email: address, password: STRONG }).expect(200);
  });

  it('limits login attempts per account from rotating addresses, the same way for known and unknown emails', async () => {
    const known = email();
    await api
      .post('/api/auth/register')
      .send({ email: known, password: STRONG, name: 'Marie', role: 'client' })
      .expect(201);
    const unknown = 'personne@example.test';
    const answers = async (address: string) => {
      const statuses: number[] = [];
      let last: request.Response | undefined;
      for (let attempt = 0; attempt < 8; attempt += 1) {
        last = await login(10 + attempt, { email: address, password: 'mauvais-mot-de-passe' });
        statuses.push(last.status);
      }
      return { statuses, last: last as request.Response };
    };
    const [forKnown, forUnknown] = [await answers(known), await answers(unknown)];
    expect(forKnown.statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    expect(forUnknown.statuses).toEqual(forKnown.statuses);
    expect(forKnown.last.body).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many attempts on this account: try again in \d+ s\.$/),
    });
    expect(Object.keys(forUnknown.last.body)).toEqual(Object.keys(forKnown.last.body));
    expect(Number(forKnown.last.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(forUnknown.last.headers['retry-after'])).toBeGreaterThan(800);
    await login(30, { email: known, password: STRONG }).expect(429);
  });

  it('does not lock the owner out at their own address after wrong passwords from another one', async () => {
    const owner = email();
    await api
      .post('/api/auth/register')
      .send({ email: owner, password: STRONG, name: 'Marie', role: 'client' })
      .expect(201);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push((await login(40, { email: owner, password: 'mauvais-mot-de-passe' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Blocked at that address, even with the right password; the owner's own address is not.
    await login(40, { email: owner, password: STRONG }).expect(429);
    await login(41, { email: owner, password: STRONG }).expect(200);
    await login(41, { email: owner, password: 'une-faute-de-frappe' }).expect(401);
    await login(41, { email: owner, password: STRONG }).expect(200);
  });
});
