import {
  SOCKET_EVENTS,
  type ApiError,
  type AuthResponse,
  type GarageInvitationView,
  type GarageMemberView,
  type GarageTeamView,
  type InvitationPreviewView,
  type UserView,
} from '@promoto/shared-dto';
import { Types } from 'mongoose';
import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { mailMessage, mailsTo, testMailpit } from './support/mailpit';
import { connectSocket, nextEvent, type ChatClient } from './support/sockets';
import { freshEmail, invitationToken, joinTeam, MEMBER_PASSWORD } from './support/team';
import { createTestApp, type TestApp } from './support/test-app';

const PASSWORD = MEMBER_PASSWORD;

describe('a garage team: members, roles and invitations', () => {
  const mailpit = testMailpit();
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let owner: Actor;
  let client: Actor;
  let sockets: ChatClient[] = [];

  const asActor = (auth: AuthResponse): Actor => ({ ...auth, bearer: `Bearer ${auth.accessToken}` });
  const team = async (actor: Actor) =>
    (await api.get('/api/team').set('Authorization', actor.bearer).expect(200)).body as GarageTeamView;

  const invite = async (by: Actor, email: string, role: 'owner' | 'staff' = 'staff') => {
    const invitation = (
      await api.post('/api/team/invitations').set('Authorization', by.bearer).send({ email, role }).expect(201)
    ).body as GarageInvitationView;
    return { invitation, token: await invitationToken(email) };
  };
  const join = (name: string) => joinTeam(testApp.baseUrl, owner, name);

  beforeAll(async () => {
    testApp = await createTestApp({ SMTP_URL: mailpit.smtpUrl, FRONTEND_URL: 'https://promoto.test' });
    api = request(testApp.baseUrl);
    [owner, client] = await Promise.all([
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
      registerActor(testApp.baseUrl, 'client', 'Camille'),
    ]);
  });

  afterEach(() => {
    for (const socket of sockets) socket.close();
    sockets = [];
  });

  afterAll(() => testApp.close());

  it("makes a garage's founder its first owner", async () => {
    expect(owner.user.garageRole).toBe('owner');
    const view = await team(owner);
    expect(view).toEqual({
      garageId: owner.user.garageId,
      garageName: expect.stringMatching(/^Garage /),
      members: [
        { userId: owner.user.id, name: 'Marc', email: owner.user.email, role: 'owner', joinedAt: expect.any(String) },
      ],
      invitations: [],
    });
  });

  it('invites by e-mail with a single-use link valid 7 days, accepted with a new account', async () => {
    const email = freshEmail();
    const { invitation, token } = await invite(owner, email);
    expect(invitation).toMatchObject({ email, role: 'staff', invitedByName: 'Marc' });
    const validity = Date.parse(invitation.expiresAt) - Date.parse(invitation.invitedAt);
    expect(Math.abs(validity - 7 * 86_400_000)).toBeLessThan(5_000);
    const [mail] = await mailsTo(mailpit.apiUrl, email);
    expect(mail.Subject).toMatch(/^Marc vous invite à rejoindre Garage .* sur Promoto$/);
    expect((await mailMessage(mailpit.apiUrl, mail.ID)).Text).toContain(`https://promoto.test/invitation#${token}`);
    expect((await team(owner)).invitations).toEqual([invitation]);

    const preview = (await api.post('/api/invitations/preview').send({ token }).expect(200))
      .body as InvitationPreviewView;
    expect(preview).toMatchObject({ email, role: 'staff', invitedByName: 'Marc', accountExists: false });

    const joined = (
      await api.post('/api/invitations/register').send({ token, name: 'Julie', password: PASSWORD }).expect(201)
    ).body as AuthResponse;
    expect(joined.user).toMatchObject({ email, role: 'garagiste', garageId: owner.user.garageId, garageRole: 'staff' });
    const julie = asActor(joined);
    const seenByJulie = await team(julie);
    expect(seenByJulie.members.map((member) => [member.name, member.role])).toEqual([
      ['Marc', 'owner'],
      ['Julie', 'staff'],
    ]);
    // Invitations are the owners' business.
    expect(seenByJulie.invitations).toEqual([]);
    expect((await team(owner)).invitations).toEqual([]);
    // A member works with the garage's bookings and saved replies at once.
    await api.get('/api/quick-replies').set('Authorization', julie.bearer).expect(200);

    // The link worked once.
    const reused = await api.post('/api/invitations/register').send({ token, name: 'Autre', password: PASSWORD });
    expect(reused.status).toBe(410);
    expect((reused.body as ApiError).code).toBe('INVITATION_USED');
    expect((await api.post('/api/invitations/preview').send({ token }).expect(410)).body.code).toBe('INVITATION_USED');
  });

  it('ends the session of another account the browser was signed in as when a new account accepts', async () => {
    // The link opened in a browser still signed in as a client: the request carries its token.
    const signedIn = await registerActor(testApp.baseUrl, 'client', 'Léa');
    const signedInSocket = await connectSocket(testApp.baseUrl, signedIn.accessToken);
    sockets.push(signedInSocket);
    const socketClosed = new Promise<string>((resolve) => signedInSocket.once('disconnect', resolve));
    const { token } = await invite(owner, freshEmail());
    const joined = (
      await api
        .post('/api/invitations/register')
        .set('Authorization', signedIn.bearer)
        .send({ token, name: 'Julie', password: PASSWORD })
        .expect(201)
    ).body as AuthResponse;

    await api.get('/api/auth/me').set('Authorization', asActor(joined).bearer).expect(200);
    expect(await socketClosed).toBe('io server disconnect');
    const oldAccess = await api.get('/api/auth/me').set('Authorization', signedIn.bearer);
    expect([oldAccess.status, (oldAccess.body as ApiError).code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await api.post('/api/auth/refresh').send({ refreshToken: signedIn.refreshToken })).status).toBe(401);
    const ended = await testApp.connection
      .collection('sessions')
      .find({ user: new Types.ObjectId(signedIn.user.id) })
      .toArray();
    expect(ended.map((session) => session.revokedReason)).toEqual(['replaced']);

    // A token that is no longer valid names no session: the account is made all the same.
    const again = await invite(owner, freshEmail());
    await api
      .post('/api/invitations/register')
      .set('Authorization', signedIn.bearer)
      .send({ token: again.token, name: 'Nina', password: PASSWORD })
      .expect(201);
  });

  it('is accepted with an existing garagiste account of that e-mail, once, in place of its session, and refuses an expired link', async () => {
    const email = freshEmail();
    const { token } = await invite(owner, email);
    // A garagiste out of any garage: someone another garage removed.
    const other = await registerActor(testApp.baseUrl, 'garagiste', 'Karim');
    const otherAccount = await testApp.connection
      .collection('users')
      .findOneAndUpdate(
        { email: other.user.email },
        { $set: { email }, $unset: { garageId: '', garageName: '', garageRole: '' } },
        { returnDocument: 'after' },
      );
    expect(otherAccount).not.toBeNull();

    expect(
      (await api.post('/api/invitations/preview').send({ token }).expect(200)).body as InvitationPreviewView,
    ).toMatchObject({ accountExists: true });
    const taken = await api.post('/api/invitations/register').send({ token, name: 'Karim', password: PASSWORD });
    expect([taken.status, (taken.body as ApiError).code]).toEqual([409, 'EMAIL_TAKEN']);
    // Someone else's account cannot take it.
    const stranger = await api.post('/api/invitations/accept').set('Authorization', client.bearer).send({ token });
    expect(stranger.status).toBe(403);

    const oldSocket = await connectSocket(testApp.baseUrl, other.accessToken);
    sockets.push(oldSocket);
    const oldSocketClosed = new Promise<string>((resolve) => oldSocket.once('disconnect', resolve));
    const accepted = (
      await api.post('/api/invitations/accept').set('Authorization', other.bearer).send({ token }).expect(200)
    ).body as AuthResponse;
    expect(accepted.user).toMatchObject({ id: other.user.id, garageId: owner.user.garageId, garageRole: 'staff' });
    // The answer's session replaces the one that accepted: one session of the account in that
    // browser, not two; the old one's tokens are refused and its socket closed.
    const joined = asActor(accepted);
    const me = (await api.get('/api/auth/me').set('Authorization', joined.bearer).expect(200)).body as UserView;
    expect(me.garageId).toBe(owner.user.garageId);
    expect(await oldSocketClosed).toBe('io server disconnect');
    const oldAccess = await api.get('/api/auth/me').set('Authorization', other.bearer);
    expect([oldAccess.status, (oldAccess.body as ApiError).code]).toEqual([401, 'UNAUTHENTICATED']);
    const oldRefresh = await api.post('/api/auth/refresh').send({ refreshToken: other.refreshToken });
    expect(oldRefresh.status).toBe(401);
    await api.post('/api/auth/refresh').send({ refreshToken: accepted.refreshToken }).expect(200);
    const again = await api.post('/api/invitations/accept').set('Authorization', joined.bearer).send({ token });
    expect([again.status, (again.body as ApiError).code]).toEqual([410, 'INVITATION_USED']);

    const late = await invite(owner, freshEmail());
    await testApp.connection
      .collection('garage_invitations')
      .updateOne({ email: late.invitation.email }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await api
      .post('/api/invitations/register')
      .send({ token: late.token, name: 'Léa', password: PASSWORD });
    expect([expired.status, (expired.body as ApiError).code]).toEqual([410, 'INVITATION_EXPIRED']);
    expect((await team(owner)).invitations.map((invitation) => invitation.email)).not.toContain(late.invitation.email);
    await api
      .post('/api/invitations/preview')
      .send({ token: 'A'.repeat(43) })
      .expect(404);
    await api.post('/api/invitations/preview').send({ token: 'not a token' }).expect(400);
  });

  it('changes no session when it refuses a link (expired, used or unknown): whoever clicks one stays signed in', async () => {
    const signedIn = await registerActor(testApp.baseUrl, 'client', 'Léa');
    const signedInSocket = await connectSocket(testApp.baseUrl, signedIn.accessToken);
    sockets.push(signedInSocket);
    const late = await invite(owner, freshEmail());
    await testApp.connection
      .collection('garage_invitations')
      .updateOne({ email: late.invitation.email }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const used = await invite(owner, freshEmail());
    await api
      .post('/api/invitations/register')
      .send({ token: used.token, name: 'Julie', password: PASSWORD })
      .expect(201);
    const refusals: [string, number, string][] = [
      [late.token, 410, 'INVITATION_EXPIRED'],
      [used.token, 410, 'INVITATION_USED'],
      ['A'.repeat(43), 404, 'NOT_FOUND'],
    ];

    for (const [token, status, code] of refusals) {
      const registered = await api
        .post('/api/invitations/register')
        .set('Authorization', signedIn.bearer)
        .send({ token, name: 'Nina', password: PASSWORD });
      expect([registered.status, (registered.body as ApiError).code]).toEqual([status, code]);
      const accepted = await api.post('/api/invitations/accept').set('Authorization', signedIn.bearer).send({ token });
      expect([accepted.status, (accepted.body as ApiError).code]).toEqual([status, code]);
    }

    await api.get('/api/auth/me').set('Authorization', signedIn.bearer).expect(200);
    const sessions = await testApp.connection
      .collection('sessions')
      .find({ user: new Types.ObjectId(signedIn.user.id) })
      .toArray();
    expect(sessions.map((session) => session.revokedAt)).toEqual([null]);
    expect(signedInSocket.connected).toBe(true);
    await api.post('/api/auth/refresh').send({ refreshToken: signedIn.refreshToken }).expect(200);
  });

  it('lets one request only accept a link, however many race for it', async () => {
    const { token } = await invite(owner, freshEmail());
    const answers = await Promise.all(
      [1, 2, 3].map((index) =>
        api.post('/api/invitations/register').send({ token, name: `Candidat ${index}`, password: PASSWORD }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status !== 201).map((answer) => answer.status)).toEqual([
      expect.any(Number),
      expect.any(Number),
    ]);
    for (const answer of answers.filter((candidate) => candidate.status !== 201)) {
      expect([409, 410]).toContain(answer.status);
    }
  });

  it('lets owners only manage the team, and a replaced invitation stops working', async () => {
    const staff = await join('Léo');
    const email = freshEmail();
    for (const [method, path, body] of [
      ['post', '/api/team/invitations', { email, role: 'staff' }],
      ['patch', `/api/team/members/${owner.user.id}`, { role: 'staff' }],
      ['delete', `/api/team/members/${owner.user.id}`, undefined],
    ] as const) {
      const answer = await api[method](path).set('Authorization', staff.bearer).send(body);
      expect([answer.status, (answer.body as ApiError).code]).toEqual([403, 'FORBIDDEN']);
    }
    await api.get('/api/team').set('Authorization', client.bearer).expect(403);

    const first = await invite(owner, email);
    const second = await invite(owner, email, 'owner');
    expect((await team(owner)).invitations.filter((invitation) => invitation.email === email)).toEqual([
      second.invitation,
    ]);
    await api.post('/api/invitations/preview').send({ token: first.token }).expect(404);
    await api.delete(`/api/team/invitations/${second.invitation.id}`).set('Authorization', owner.bearer).expect(204);
    await api.post('/api/invitations/preview').send({ token: second.token }).expect(404);
    await api
      .post('/api/team/invitations')
      .set('Authorization', owner.bearer)
      .send({ email: staff.user.email, role: 'staff' })
      .expect(409);
  });

  it("changes roles: the garage's founder is an owner like any other, and the last owner stays one", async () => {
    const ownerIds = async () =>
      (await team(owner)).members.filter((member) => member.role === 'owner').map((member) => member.userId);
    const setRole = (by: Actor, member: Actor, role: 'owner' | 'staff') =>
      api.patch(`/api/team/members/${member.user.id}`).set('Authorization', by.bearer).send({ role });

    // The only owner cannot step down.
    const alone = await setRole(owner, owner, 'staff');
    expect([alone.status, (alone.body as ApiError).code]).toEqual([409, 'LAST_OWNER']);

    const nadia = await join('Nadia');
    const promoted = (await setRole(owner, nadia, 'owner').expect(200)).body as GarageMemberView;
    expect(promoted).toMatchObject({ userId: nadia.user.id, role: 'owner' });
    // Her session is an owner's at once: she manages the team with the token she had.
    await api.get('/api/team').set('Authorization', nadia.bearer).expect(200);
    await setRole(nadia, nadia, 'owner').expect(200);

    // The founder holds nothing the garage does not: another owner may make them staff, and an owner again.
    await setRole(nadia, owner, 'staff').expect(200);
    expect(await ownerIds()).toEqual([nadia.user.id]);
    await setRole(nadia, owner, 'owner').expect(200);

    // Two owners demoting each other at once: one stays an owner, the other is refused LAST_OWNER.
    const answers = await Promise.all([setRole(nadia, owner, 'staff'), setRole(owner, nadia, 'staff')]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect((answers.find((answer) => answer.status === 409)?.body as ApiError).code).toBe('LAST_OWNER');
    const [remaining] = await ownerIds();
    expect(await ownerIds()).toHaveLength(1);
    // Back as it was: the founder the one owner, Nadia gone.
    if (remaining === nadia.user.id) await setRole(nadia, owner, 'owner').expect(200);
    else await setRole(owner, nadia, 'owner').expect(200);
    await setRole(owner, nadia, 'staff').expect(200);
    await api.delete(`/api/team/members/${nadia.user.id}`).set('Authorization', owner.bearer).expect(204);
    expect(await ownerIds()).toEqual([owner.user.id]);
  });

  it('refuses a removed member at once, on REST and on its open sockets', async () => {
    const removed = await join('Théo');
    await api.get('/api/team').set('Authorization', removed.bearer).expect(200);
    const socket = await connectSocket(testApp.baseUrl, removed.accessToken);
    const otherTab = await connectSocket(testApp.baseUrl, removed.accessToken);
    sockets.push(socket, otherTab);
    const ended = nextEvent(socket, SOCKET_EVENTS.membershipEnded);
    const closed = new Promise<string>((resolve) => otherTab.once('disconnect', resolve));

    await api.delete(`/api/team/members/${removed.user.id}`).set('Authorization', owner.bearer).expect(204);

    expect(await ended).toEqual({ garageId: owner.user.garageId, message: expect.stringContaining('Garage ') });
    expect(await closed).toBe('io server disconnect');
    // Within the account cache's lifetime: the removal is not waited out.
    await api.get('/api/team').set('Authorization', removed.bearer).expect(404);
    await api.get('/api/quick-replies').set('Authorization', removed.bearer).expect(404);
    const me = (await api.get('/api/auth/me').set('Authorization', removed.bearer).expect(200)).body as UserView;
    expect(me.garageId).toBeUndefined();
    expect((await team(owner)).members.map((member) => member.userId)).not.toContain(removed.user.id);
  });

  it('lets a staff member leave on their own', async () => {
    const leaving = await join('Inès');
    await api.delete(`/api/team/members/${leaving.user.id}`).set('Authorization', leaving.bearer).expect(204);
    await api.get('/api/team').set('Authorization', leaving.bearer).expect(404);
  });
});
