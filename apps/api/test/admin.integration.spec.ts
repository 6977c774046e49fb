import {
  ERROR_CODES,
  type AdminAccountView,
  type AdminReportView,
  type AdminThreadPage,
  type AuthResponse,
  type Page,
} from '@promoto/shared-dto';
import { Types } from 'mongoose';
import request from 'supertest';
import { nextSlot, registerActor, sendMessage } from './support/actors';
import { ADMIN_PASSWORD, adminCommand, createAdmin } from './support/admins';
import { ConversationRecorder } from '../src/messages/conversation-recorder';
import { commandsOf } from './support/db-commands';
import { connectSocket, emitWithAck, type ChatClient } from './support/sockets';
import { joinTeam } from './support/team';
import { createTestApp, type TestApp } from './support/test-app';

const closed = (socket: ChatClient) => new Promise<string>((resolve) => socket.once('disconnect', resolve));

/**
 * The admin role over real HTTP and Socket.IO against the real database: made by the operator
 * command (the built dist/apps/api/admin-cli.js, as the image ships it), never by sign-up; the
 * admin routes refuse everyone else; reports read with their thread (each read audited);
 * suspension ends the account's sessions, tokens and sockets at once, until it is lifted.
 */
describe('admins', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    testApp = await createTestApp({ THROTTLE_AUTH_PER_MINUTE: '1000' });
    api = request(testApp.baseUrl);
  });

  afterAll(async () => {
    await testApp.close();
  });

  const newAdmin = () => createAdmin(testApp.baseUrl);

  const audit = (filter: Record<string, unknown>) =>
    testApp.connection.collection('admin_audit').find(filter).toArray();

  it('refuses to sign anyone up as an admin', async () => {
    const response = await api
      .post('/api/auth/register')
      .send({ email: 'pas-admin@example.test', password: 'motdepasse-solide', name: 'Eve', role: 'admin' })
      .expect(400);
    expect(response.body.code).toBe(ERROR_CODES.VALIDATION_FAILED);
    expect(await testApp.connection.collection('users').countDocuments({ email: 'pas-admin@example.test' })).toBe(0);
  });

  it('the operator command creates an admin who logs in, changes nothing run again, and is audited', async () => {
    const email = `ops-${Date.now().toString(36)}@example.test`;
    // The password on the standard input (never in the arguments).
    const first = await adminCommand(['create', '--email', email], {}, `${ADMIN_PASSWORD}\n`);
    expect(first).toEqual({ code: 0, output: expect.stringMatching(/: created/) });
    expect(first.output).toContain('admin audit: admin-created');
    const login = await api.post('/api/auth/login').send({ email, password: ADMIN_PASSWORD }).expect(200);
    expect((login.body as AuthResponse).user).toMatchObject({ email, role: 'admin' });

    const again = await adminCommand(['create', '--email', email], { ADMIN_PASSWORD: 'un-tout-autre-mot-de-passe' });
    expect(again).toEqual({ code: 0, output: expect.stringMatching(/: unchanged/) });
    await api.post('/api/auth/login').send({ email, password: ADMIN_PASSWORD }).expect(200);
    const created = await audit({
      action: 'admin-created',
      account: new Types.ObjectId((login.body as AuthResponse).user.id),
    });
    expect(created).toEqual([expect.objectContaining({ operator: expect.any(String), createdAt: expect.any(Date) })]);

    // A weak password, and no password at all, create nothing.
    const weak = await adminCommand(['create', '--email', `weak-${email}`], { ADMIN_PASSWORD: 'admin' });
    expect(weak.code).toBe(1);
    const none = await adminCommand(['create', '--email', `none-${email}`]);
    expect([none.code, none.output]).toEqual([1, expect.stringContaining('ADMIN_PASSWORD')]);
    expect(
      await testApp.connection
        .collection('users')
        .countDocuments({ email: { $in: [`weak-${email}`, `none-${email}`] } }),
    ).toBe(0);
  });

  it('promotes an existing client, and refuses a garage’s member', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    const promoted = await adminCommand(['create', '--email', client.user.email]);
    expect(promoted).toEqual({ code: 0, output: expect.stringMatching(/: promoted/) });
    const login = await api
      .post('/api/auth/login')
      .send({ email: client.user.email, password: 'motdepasse-solide' })
      .expect(200);
    expect((login.body as AuthResponse).user.role).toBe('admin');
    expect(await audit({ action: 'admin-promoted' })).toHaveLength(1);

    const member = await adminCommand(['create', '--email', garagiste.user.email]);
    expect([member.code, member.output]).toEqual([1, expect.stringContaining('belongs to a garage')]);
  });

  it('revokes an admin: its sessions end, it logs in with no admin right, and it is audited', async () => {
    const admin = await newAdmin();
    const revoked = await adminCommand(['revoke', '--email', admin.user.email]);
    expect(revoked).toEqual({ code: 0, output: expect.stringMatching(/: revoked/) });
    expect(revoked.output).toContain('admin audit: admin-revoked');
    await api.post('/api/auth/refresh').send({ refreshToken: admin.refreshToken }).expect(401);
    expect(
      await testApp.connection
        .collection('sessions')
        .find({ user: new Types.ObjectId(admin.user.id) })
        .toArray(),
    ).toEqual([expect.objectContaining({ revokedReason: 'admin-revoked', revokedAt: expect.any(Date) })]);
    const login = await api
      .post('/api/auth/login')
      .send({ email: admin.user.email, password: ADMIN_PASSWORD })
      .expect(200);
    expect((login.body as AuthResponse).user).toMatchObject({ role: 'client' });
    await api
      .get('/api/admin/reports')
      .set('Authorization', `Bearer ${(login.body as AuthResponse).accessToken}`)
      .expect(403);
    expect(await audit({ action: 'admin-revoked', account: new Types.ObjectId(admin.user.id) })).toEqual([
      expect.objectContaining({ operator: expect.any(String) }),
    ]);

    // Again, or on a client, it changes nothing; an unknown e-mail is an error.
    const again = await adminCommand(['revoke', '--email', admin.user.email]);
    expect(again).toEqual({ code: 0, output: expect.stringMatching(/: unchanged/) });
    expect(await audit({ action: 'admin-revoked', account: new Types.ObjectId(admin.user.id) })).toHaveLength(1);
    const unknown = await adminCommand(['revoke', '--email', `personne-${Date.now().toString(36)}@example.test`]);
    expect([unknown.code, unknown.output]).toEqual([1, expect.stringContaining('No account')]);
    expect((await adminCommand(['revoke'])).code).toBe(2);
  });

  it('every admin route refuses clients and garagistes (403) and callers without a token (401)', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    const id = client.user.id;
    const routes: [method: 'get' | 'post', path: string, body?: object][] = [
      ['get', '/api/admin/reports'],
      ['get', `/api/admin/reports/${id}`],
      ['get', `/api/admin/reports/${id}/messages`],
      ['post', `/api/admin/reports/${id}/handled`],
      ['post', `/api/admin/accounts/${id}/suspension`, { reason: 'Essai' }],
      ['post', `/api/admin/accounts/${id}/reinstatement`, { reason: 'Essai' }],
    ];
    for (const [method, path, body] of routes) {
      for (const actor of [client, garagiste]) {
        const response = await api[method](path).set('Authorization', actor.bearer).send(body);
        expect([method, path, actor.user.role, response.status, response.body.code]).toEqual([
          method,
          path,
          actor.user.role,
          403,
          ERROR_CODES.FORBIDDEN,
        ]);
      }
      const anonymous = await api[method](path).send(body);
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
    }
    const untouched = await testApp.connection.collection('users').findOne({ _id: new Types.ObjectId(id) });
    expect(untouched?.['suspendedAt']).toBeUndefined();
  });

  it('an admin is nobody’s contact: it cannot send, book, open a socket or be written to', async () => {
    const [admin, client, garagiste] = await Promise.all([
      newAdmin(),
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    await api
      .post('/api/messages')
      .set('Authorization', admin.bearer)
      .send({ recipientId: garagiste.user.id, content: 'Bonjour' })
      .expect(403);
    await api
      .post('/api/appointments')
      .set('Authorization', admin.bearer)
      .send({ garageId: garagiste.user.garageId, scheduledAt: nextSlot(), service: 'Vidange' })
      .expect(403);
    await api.get('/api/messages/conversations').set('Authorization', admin.bearer).expect(403);
    await expect(connectSocket(testApp.baseUrl, admin.accessToken)).rejects.toThrow(/^FORBIDDEN/);
    const toAdmin = await api
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .send({ recipientId: admin.user.id, content: 'Bonjour' })
      .expect(404);
    expect(toAdmin.body.code).toBe(ERROR_CODES.NOT_FOUND);
    await api.get(`/api/users/${admin.user.id}`).set('Authorization', client.bearer).expect(404);
    // The routes every account has.
    const me = await api.get('/api/auth/me').set('Authorization', admin.bearer).expect(200);
    expect(me.body).toMatchObject({ id: admin.user.id, role: 'admin' });
  });

  it('lists the reports open first, reads the reported thread without notes (each read audited), marks one handled', async () => {
    const [admin, client, owner] = await Promise.all([
      newAdmin(),
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
    ]);
    const staff = await joinTeam(testApp.baseUrl, owner, 'Léo');
    await sendMessage(testApp.baseUrl, client, owner, 'Bonjour, pour ma Clio ?');
    const insult = await sendMessage(testApp.baseUrl, owner, client, 'Message insultant');
    await api
      .post('/api/messages')
      .set('Authorization', staff.bearer)
      .send({ recipientId: client.user.id, content: 'Note interne : client difficile', note: true })
      .expect(201);
    const byClient = await api
      .post('/api/reports')
      .set('Authorization', client.bearer)
      .send({ messageId: insult.id, reason: 'harassment', details: 'Insultes' })
      .expect(201);
    const byGarage = await api
      .post('/api/reports')
      .set('Authorization', staff.bearer)
      .send({ userId: client.user.id, reason: 'spam' })
      .expect(201);

    const handled = await api
      .post(`/api/admin/reports/${byGarage.body.id}/handled`)
      .set('Authorization', admin.bearer)
      .expect(200);
    expect(handled.body).toMatchObject({ id: byGarage.body.id, status: 'handled', handledAt: expect.any(String) });

    // Open first (newest first), then the handled ones, a page at a time.
    const pages: AdminReportView[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AdminReportView> = (
        await api
          .get('/api/admin/reports')
          .query({ limit: 1, ...(cursor ? { cursor } : {}) })
          .set('Authorization', admin.bearer)
          .expect(200)
      ).body;
      pages.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const statuses = pages.map((report) => report.status);
    expect(statuses).toEqual([...statuses].sort((a, b) => (a === b ? 0 : a === 'open' ? -1 : 1)));
    const reported = pages.find((report) => report.id === byClient.body.id);
    expect(reported).toEqual({
      id: byClient.body.id,
      status: 'open',
      reason: 'harassment',
      details: 'Insultes',
      createdAt: expect.any(String),
      conversationId: insult.conversationId,
      garage: { id: owner.user.garageId, name: expect.any(String) },
      reporter: { id: client.user.id, name: 'Camille', email: client.user.email, role: 'client' },
      target: expect.objectContaining({ id: owner.user.id, name: 'Marc', role: 'garagiste' }),
      message: { id: insult.id, excerpt: 'Message insultant', createdAt: insult.createdAt },
    });
    expect(pages.find((report) => report.id === byGarage.body.id)).toMatchObject({
      status: 'handled',
      reporter: { id: staff.user.id },
      target: { id: client.user.id },
    });

    // The thread as its client reads it: no internal note, with who wrote what.
    const thread: AdminThreadPage = (
      await api.get(`/api/admin/reports/${byClient.body.id}/messages`).set('Authorization', admin.bearer).expect(200)
    ).body;
    expect(thread.items.map((message) => message.content)).toEqual(['Bonjour, pour ma Clio ?', 'Message insultant']);
    expect(thread.authors.map((author) => author.id).sort()).toEqual([client.user.id, owner.user.id].sort());
    await api.get(`/api/admin/reports/${byClient.body.id}/messages`).set('Authorization', admin.bearer).expect(200);
    const reads = await audit({ action: 'thread-read', report: new Types.ObjectId(byClient.body.id) });
    expect(reads).toHaveLength(2);
    expect(reads[0]).toMatchObject({ admin: expect.anything(), createdAt: expect.any(Date) });
    expect(reads[0]['admin'].toHexString()).toBe(admin.user.id);

    await api.get(`/api/admin/reports/${admin.user.id}/messages`).set('Authorization', admin.bearer).expect(404);
    await api.get('/api/admin/reports').query({ cursor: 'x' }).set('Authorization', admin.bearer).expect(400);
  });

  it('reads a page of 20 reports in a few queries, not some per report', async () => {
    const [admin, client] = await Promise.all([newAdmin(), registerActor(testApp.baseUrl, 'client', 'Inès')]);
    const garages = await Promise.all(
      Array.from({ length: 20 }, (_, index) => registerActor(testApp.baseUrl, 'garagiste', `Garagiste ${index}`)),
    );
    for (const garage of garages) {
      const message = await sendMessage(testApp.baseUrl, client, garage, 'Publicité');
      await api
        .post('/api/reports')
        .set('Authorization', garage.bearer)
        .send({ messageId: message.id, reason: 'spam' })
        .expect(201);
    }
    const listPage = async () =>
      (await api.get('/api/admin/reports').query({ limit: 20 }).set('Authorization', admin.bearer).expect(200))
        .body as Page<AdminReportView>;
    // The sends' bookkeeping (badges, the garages' received counts) is done before counting.
    await testApp.app.get(ConversationRecorder).whenIdle();
    const watched = new Set(['reports', 'messages', 'garages', 'users']);
    let page: Page<AdminReportView> | undefined;
    const commands = await commandsOf(watched, async () => {
      page = await listPage();
    });

    expect(page?.items).toHaveLength(20);
    const stored = await testApp.connection
      .collection('garages')
      .find({ _id: { $in: garages.map(({ user }) => new Types.ObjectId(user.garageId)) } })
      .toArray();
    expect(new Set(page?.items.map(({ garage }) => `${garage.id} ${garage.name}`))).toEqual(
      new Set(stored.map((garage) => `${garage._id.toHexString()} ${garage['name']}`)),
    );
    for (const report of page?.items ?? []) {
      expect(report.message).toMatchObject({ excerpt: 'Publicité' });
      expect(report.target).toMatchObject({ id: client.user.id });
      expect(report.reporter?.garageId).toBe(report.garage.id);
    }
    // The open reports (then the handled ones when they do not fill the page), then one read each of
    // the reporters and targets, the messages and the garages' names (those not already in memory),
    // whatever the page's size; and the admin's own account, for its token.
    const count = (command: string) => commands.filter((seen) => seen === command).length;
    expect(count('reports.find(status)')).toBeLessThanOrEqual(2);
    expect(count('messages.find(_id)')).toBe(1);
    expect(count('users.find(_id)')).toBe(1);
    expect(count('users.findOne(_id)')).toBeLessThanOrEqual(1);
    expect(count('garages.find(_id)')).toBeLessThanOrEqual(1);
    expect(commands).toHaveLength(
      count('reports.find(status)') + 2 + count('users.findOne(_id)') + count('garages.find(_id)'),
    );
  });

  it('a suspension refuses login, refresh and tokens and closes the open socket at once; lifting it lets the account in again', async () => {
    const [admin, client, garagiste] = await Promise.all([
      newAdmin(),
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    const socket = await connectSocket(testApp.baseUrl, garagiste.accessToken);
    const socketClosed = closed(socket);

    const suspended = await api
      .post(`/api/admin/accounts/${garagiste.user.id}/suspension`)
      .set('Authorization', admin.bearer)
      .send({ reason: '  Insultes répétées ' })
      .expect(200);
    expect(suspended.body as AdminAccountView).toMatchObject({
      id: garagiste.user.id,
      role: 'garagiste',
      suspension: { suspendedAt: expect.any(String), reason: 'Insultes répétées' },
    });
    expect(await socketClosed).toBe('io server disconnect');

    await api.get('/api/auth/me').set('Authorization', garagiste.bearer).expect(401);
    await expect(connectSocket(testApp.baseUrl, garagiste.accessToken)).rejects.toThrow(/^UNAUTHENTICATED/);
    const refresh = await api.post('/api/auth/refresh').send({ refreshToken: garagiste.refreshToken }).expect(403);
    expect(refresh.body.code).toBe(ERROR_CODES.ACCOUNT_SUSPENDED);
    const login = await api
      .post('/api/auth/login')
      .send({ email: garagiste.user.email, password: 'motdepasse-solide' })
      .expect(403);
    expect(login.body).toEqual({
      statusCode: 403,
      code: ERROR_CODES.ACCOUNT_SUSPENDED,
      message: 'This account is suspended.',
    });
    // A wrong password is told nothing of the suspension.
    await api.post('/api/auth/login').send({ email: garagiste.user.email, password: 'pas-le-bon-mot' }).expect(401);
    // The client can still write to the garage; an admin's account is not suspended here.
    await sendMessage(testApp.baseUrl, client, garagiste, 'Bonjour');
    await api
      .post(`/api/admin/accounts/${admin.user.id}/suspension`)
      .set('Authorization', admin.bearer)
      .send({ reason: 'Essai' })
      .expect(403);
    await api
      .post(`/api/admin/accounts/${garagiste.user.id}/suspension`)
      .set('Authorization', admin.bearer)
      .send({ reason: '   ' })
      .expect(400);

    const lifted = await api
      .post(`/api/admin/accounts/${garagiste.user.id}/reinstatement`)
      .set('Authorization', admin.bearer)
      .send({ reason: 'Excuses présentées' })
      .expect(200);
    expect((lifted.body as AdminAccountView).suspension).toBeUndefined();
    const again = await api
      .post('/api/auth/login')
      .send({ email: garagiste.user.email, password: 'motdepasse-solide' })
      .expect(200);
    const reconnected = await connectSocket(testApp.baseUrl, (again.body as AuthResponse).accessToken);
    const ack = await emitWithAck(reconnected, 'send-message', { recipientId: client.user.id, content: 'Re-bonjour' });
    expect(ack.ok).toBe(true);
    reconnected.close();
    const acts = await audit({ action: { $in: ['account-suspended', 'suspension-lifted'] } });
    expect(acts.map((act) => [act['action'], act['reason']])).toEqual([
      ['account-suspended', 'Insultes répétées'],
      ['suspension-lifted', 'Excuses présentées'],
    ]);
  });
});
