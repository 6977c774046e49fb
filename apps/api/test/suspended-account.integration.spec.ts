import {
  ERROR_CODES,
  type DataExportProfileFile,
  type DataExportView,
  type SuspendedAccessView,
} from '@promoto/shared-dto';
import { Types } from 'mongoose';
import request from 'supertest';
import { registerActor, sendMessage, type Actor } from './support/actors';
import { createAdmin } from './support/admins';
import { downloadZip, parsed, readyDataExport, unzip } from './support/data-exports';
import { testMailpit } from './support/mailpit';
import { connectSocket } from './support/sockets';
import { joinTeam, MEMBER_PASSWORD } from './support/team';
import { createTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'motdepasse-solide';

/**
 * A suspension ends an account's sessions and refuses its login, not its rights of access and
 * erasure: with its password, a suspended account gets a token for its data export and its
 * deletion, which every other route and the socket refuse. Over real HTTP and Socket.IO.
 */
describe('a suspended account and its data', () => {
  const mailpit = testMailpit();
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let admin: Actor;

  // The admin is made by the operator command, a process of its own: slow on a loaded machine.
  beforeAll(async () => {
    testApp = await createTestApp({ THROTTLE_AUTH_PER_MINUTE: '1000', SMTP_URL: mailpit.smtpUrl });
    api = request(testApp.baseUrl);
    admin = await createAdmin(testApp.baseUrl);
  }, 120_000);

  afterAll(() => testApp.close());

  const suspend = (account: Actor) =>
    api
      .post(`/api/admin/accounts/${account.user.id}/suspension`)
      .set('Authorization', admin.bearer)
      .send({ reason: 'Insultes répétées' })
      .expect(200);

  /** The suspended account's token for its data, as the route answers it. */
  const suspendedAccess = async (account: Actor, password: string): Promise<Actor> => {
    const answer = (
      await api.post('/api/auth/suspended-access').send({ email: account.user.email, password }).expect(200)
    ).body as SuspendedAccessView;
    expect(Date.parse(answer.expiresAt)).toBeGreaterThan(Date.now());
    expect(Object.keys(answer).sort()).toEqual(['accessToken', 'expiresAt']);
    return { ...account, accessToken: answer.accessToken, bearer: `Bearer ${answer.accessToken}` };
  };

  it('gets a copy of its data and deletes its account with its password, and reaches nothing else', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
    ]);
    await sendMessage(testApp.baseUrl, client, garagiste, 'Bonjour, mes freins grincent');
    await suspend(client);
    const login = await api.post('/api/auth/login').send({ email: client.user.email, password: PASSWORD });
    expect([login.status, login.body.code]).toEqual([403, ERROR_CODES.ACCOUNT_SUSPENDED]);

    // The password is asked, and told nothing when wrong; an account not suspended logs in instead.
    const wrong = await api
      .post('/api/auth/suspended-access')
      .send({ email: client.user.email, password: 'pas-le-bon-mot' });
    expect([wrong.status, wrong.body.code]).toEqual([401, ERROR_CODES.UNAUTHENTICATED]);
    const active = await api
      .post('/api/auth/suspended-access')
      .send({ email: garagiste.user.email, password: PASSWORD });
    expect([active.status, active.body.code]).toEqual([409, ERROR_CODES.CONFLICT]);
    const access = await suspendedAccess(client, PASSWORD);

    // Nothing but its data: every other route refuses the token, and so does the socket.
    for (const [method, path] of [
      ['get', '/api/auth/me'],
      ['get', '/api/messages/conversations'],
      ['post', '/api/messages'],
      ['get', '/api/appointments'],
      ['get', '/api/notifications/preferences'],
    ] as const) {
      const refused = await api[method](path).set('Authorization', access.bearer).send({});
      expect([path, refused.status, refused.body.code]).toEqual([path, 403, ERROR_CODES.ACCOUNT_SUSPENDED]);
    }
    await expect(connectSocket(testApp.baseUrl, access.accessToken)).rejects.toThrow(/^ACCOUNT_SUSPENDED/);
    // The sessions the suspension ended stay ended, on these routes too.
    await api.get('/api/me/data-exports').set('Authorization', client.bearer).expect(401);

    expect((await api.get('/api/me/data-exports').set('Authorization', access.bearer).expect(200)).body).toEqual([]);
    const asked = (await api.post('/api/me/data-exports').set('Authorization', access.bearer).expect(202))
      .body as DataExportView;
    expect(asked.status).toBe('pending');
    const ready = await readyDataExport(testApp.baseUrl, access);
    const entries = await unzip(await downloadZip(testApp.baseUrl, ready.url ?? ''));
    expect(parsed<DataExportProfileFile>(entries, 'profile.json').profile).toMatchObject({
      id: client.user.id,
      email: client.user.email,
    });
    const conversations = [...entries.keys()].filter((path) => path.startsWith('conversations/'));
    expect(conversations).toHaveLength(1);
    expect(entries.get(conversations[0])?.toString('utf8')).toContain('Bonjour, mes freins grincent');

    const notHers = await api.delete('/api/me').set('Authorization', access.bearer).send({ password: 'pas-le-bon' });
    expect([notHers.status, notHers.body.code]).toEqual([403, ERROR_CODES.FORBIDDEN]);
    await api.delete('/api/me').set('Authorization', access.bearer).send({ password: PASSWORD }).expect(204);
    const after = await api.get('/api/me/data-exports').set('Authorization', access.bearer);
    expect([after.status, after.body.code]).toEqual([401, ERROR_CODES.UNAUTHENTICATED]);
    const gone = await api.post('/api/auth/suspended-access').send({ email: client.user.email, password: PASSWORD });
    expect(gone.status).toBe(401);
    const account = await testApp.connection
      .collection('users')
      .findOne({ _id: new Types.ObjectId(client.user.id) }, { projection: { deletingAt: 1 } });
    expect(account === null || account['deletingAt'] instanceof Date).toBe(true);
  });

  it('lets a suspended member of a garage leave it by deleting its account, and ends the access at logout', async () => {
    const owner = await registerActor(testApp.baseUrl, 'garagiste', 'Marc');
    const member = await joinTeam(testApp.baseUrl, owner, 'Julie');
    await suspend(member);

    const first = await suspendedAccess(member, MEMBER_PASSWORD);
    await api.post('/api/auth/logout').set('Authorization', first.bearer).expect(204);
    const ended = await api.get('/api/me/data-exports').set('Authorization', first.bearer);
    expect([ended.status, ended.body.code]).toEqual([401, ERROR_CODES.UNAUTHENTICATED]);

    const access = await suspendedAccess(member, MEMBER_PASSWORD);
    await api.delete('/api/me').set('Authorization', access.bearer).send({ password: MEMBER_PASSWORD }).expect(204);
    const team = (await api.get('/api/team').set('Authorization', owner.bearer).expect(200)).body as {
      members: { userId: string }[];
    };
    expect(team.members.map((teammate) => teammate.userId)).toEqual([owner.user.id]);
  });
});
