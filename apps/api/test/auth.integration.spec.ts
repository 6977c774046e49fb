import request from 'supertest';
import { nextSlot, registerActor } from './support/actors';
import { connectSocket } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

describe('accounts and tokens', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    testApp = await createTestApp({ JWT_EXPIRES_IN: '12h' });
    api = request(testApp.baseUrl);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('registers a client and answers the documented shape', async () => {
    const response = await api
      .post('/api/auth/register')
      .send({
        email: 'Lea@Example.test',
        password: 'courroie-vidange-lundi',
        name: 'Léa',
        role: 'client',
      })
      .expect(201);
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      user: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        email: 'lea@example.test',
        name: 'Léa',
        role: 'client',
      },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/password/i);
  });

  it('registers a garagiste with the garage it runs', async () => {
    const response = await api
      .post('/api/auth/register')
      .send({
        email: 'garage@example.test',
        password: 'courroie-vidange-lundi',
        name: 'Paul',
        role: 'garagiste',
        garage: {
          name: 'Garage du Centre',
          city: 'Nantes',
          address: '1 place Royale',
        },
      })
      .expect(201);
    const garageId = response.body.user.garageId as string;
    const garage = await api
      .get(`/api/garages/${garageId}`)
      .set('Authorization', `Bearer ${response.body.accessToken}`)
      .expect(200);
    expect(garage.body).toMatchObject({
      name: 'Garage du Centre',
      city: 'Nantes',
      ownerId: response.body.user.id,
      ownerName: 'Paul',
    });
  });

  it('refuses a garagiste without a garage, and a client with one', async () => {
    const garagiste = await api
      .post('/api/auth/register')
      .send({
        email: 'nogarage@example.test',
        password: 'courroie-vidange-lundi',
        name: 'X',
        role: 'garagiste',
      })
      .expect(400);
    expect(garagiste.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
    await api
      .post('/api/auth/register')
      .send({
        email: 'client-garage@example.test',
        password: 'courroie-vidange-lundi',
        name: 'X',
        role: 'client',
        garage: { name: 'G', city: 'C', address: 'A' },
      })
      .expect(400);
    expect(await testApp.connection.collection('users').countDocuments({ email: /garage@example.test$/ })).toBe(1);
  });

  it('answers 409 EMAIL_TAKEN to a taken email, whatever its case', async () => {
    const response = await api
      .post('/api/auth/register')
      .send({
        email: 'LEA@example.TEST',
        password: 'plaquettes-freins-mardi',
        name: 'Autre',
        role: 'client',
      })
      .expect(409);
    expect(response.body).toEqual({
      statusCode: 409,
      code: 'EMAIL_TAKEN',
      message: expect.any(String),
    });
  });

  it('logs in with any case of the email, and gives the same 401 for a wrong password and an unknown email', async () => {
    const ok = await api
      .post('/api/auth/login')
      .send({ email: 'LEA@example.test', password: 'courroie-vidange-lundi' })
      .expect(200);
    expect(ok.body.user.email).toBe('lea@example.test');

    const wrongPassword = await api
      .post('/api/auth/login')
      .send({ email: 'lea@example.test', password: 'mauvais' })
      .expect(401);
    const unknownEmail = await api
      .post('/api/auth/login')
      .send({ email: 'nobody@example.test', password: 'mauvais' })
      .expect(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses operator objects in place of credentials', async () => {
    const response = await api
      .post('/api/auth/login')
      .send({ email: { $gt: '' }, password: { $gt: '' } })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('serves /api/auth/me with a token, and 401 without or with a bad one', async () => {
    const actor = await registerActor(testApp.baseUrl, 'client', 'Moi');
    const me = await api.get('/api/auth/me').set('Authorization', actor.bearer).expect(200);
    expect(me.body).toEqual(actor.user);

    expect((await api.get('/api/auth/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await api.get('/api/auth/me').set('Authorization', 'Bearer not.a.token').expect(401)).body.code).toBe(
      'UNAUTHENTICATED',
    );
    // The signature's first character: its last one also holds base64url padding bits, which a
    // change may leave the decoded signature untouched by.
    const [header, payload, signature] = actor.accessToken.split('.');
    const forged = `${header}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    await api.get('/api/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('restricts routes by role', async () => {
    const garagiste = await registerActor(testApp.baseUrl, 'garagiste');
    const response = await api
      .post('/api/appointments')
      .set('Authorization', garagiste.bearer)
      .send({
        garageId: garagiste.user.garageId,
        scheduledAt: nextSlot(),
        service: 'Vidange',
      })
      .expect(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });

  it('refuses a socket handshake without a token or with a bad one, saying why', async () => {
    await expect(connectSocket(testApp.baseUrl, undefined)).rejects.toThrow(/^UNAUTHENTICATED: .*token is required/);
    await expect(connectSocket(testApp.baseUrl, 'garbage')).rejects.toThrow(/^UNAUTHENTICATED: .*invalid/);
  });

  it('marks every API answer no-store: tokens, authenticated JSON and errors alike', async () => {
    const actor = await registerActor(testApp.baseUrl, 'client');
    const answers = [
      await api.post('/api/auth/login').send({ email: actor.user.email, password: 'motdepasse-solide' }).expect(200),
      await api.get('/api/auth/me').set('Authorization', actor.bearer).expect(200),
      await api.get('/api/messages/conversations').set('Authorization', actor.bearer).expect(200),
      await api.get('/api/messages/unread-count').set('Authorization', actor.bearer).expect(200),
      await api.get('/api/auth/me').expect(401),
    ];
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
  });
});
