import {
  DELETED_ACCOUNT_NAME,
  type ConversationView,
  type GarageTeamView,
  type MessageView,
  type Page,
  type UploadedAttachmentView,
} from '@promoto/shared-dto';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import request from 'supertest';
import { addVehicle, book, registerActor, sendMessage, type Actor } from './support/actors';
import { testMailpit } from './support/mailpit';
import { startApiProcess, waitFor, type ApiProcess } from './support/processes';
import { connectSocket, nextEvent, type ChatClient } from './support/sockets';
import { joinTeam, MEMBER_PASSWORD } from './support/team';
import { testDatabaseName, testServerUri } from './support/test-database';
import { TINY_PDF } from './support/documents';

const PASSWORD = 'motdepasse-solide';

/** What leftOf answers once an account is erased. */
const NOTHING_LEFT = {
  users: 0,
  attachments: 0,
  pushSubscriptions: 0,
  preferences: 0,
  openSessions: 0,
  vehicles: 0,
  reminders: 0,
};

const closed = (socket: ChatClient) => new Promise<string>((resolve) => socket.once('disconnect', resolve));

/**
 * Deleting one's account against built API processes sharing the real database: what it erases,
 * what stays (the other person's thread, shown « Compte supprimé », over REST and live; the
 * garage's bookings), the garage's last owner refused, and a deletion cut short by SIGKILL resumed
 * by another process.
 */
describe('account deletion', () => {
  let mongo: MongoClient;
  let db: Db;
  const processes: ApiProcess[] = [];

  const startApi = async () => {
    const api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      PRIVACY_JOB_LEASE_S: '5',
      THROTTLE_LOGIN_PER_ADDRESS_AND_ACCOUNT_PER_15MIN: '3',
      // Invitations, for a garage's staff member.
      SMTP_URL: testMailpit().smtpUrl,
    });
    processes.push(api);
    return api;
  };

  beforeAll(async () => {
    mongo = await MongoClient.connect(testServerUri());
    db = mongo.db(testDatabaseName());
  });

  afterAll(async () => {
    for (const api of processes) api.child.kill('SIGKILL');
    await Promise.all(processes.map((api) => api.exited));
    await db?.dropDatabase();
    await mongo?.close();
  });

  const deleteAccount = (api: ApiProcess, actor: Actor, password = PASSWORD) =>
    request(api.baseUrl).delete('/api/me').set('Authorization', actor.bearer).send({ password });

  const deletionJob = (actor: Actor) =>
    db.collection('privacy_jobs').findOne({ user: new ObjectId(actor.user.id), kind: 'account-deletion' });

  const deletionDone = (actor: Actor, timeoutMs = 30_000) =>
    waitFor(async () => (await deletionJob(actor))?.['status'] === 'done', timeoutMs, 'the deletion to finish');

  const upload = async (api: ApiProcess, actor: Actor) =>
    (
      await request(api.baseUrl)
        .post('/api/attachments')
        .set('Authorization', actor.bearer)
        .attach('file', TINY_PDF, { filename: 'Carte grise.pdf', contentType: 'application/pdf' })
        .expect(201)
    ).body as UploadedAttachmentView;

  /** What the database still holds about a user, by collection. */
  const leftOf = async (userId: string) => {
    const id = new ObjectId(userId);
    return {
      users: await db.collection('users').countDocuments({ _id: id }),
      attachments: await db.collection('attachments').countDocuments({ owner: id }),
      pushSubscriptions: await db.collection('push_subscriptions').countDocuments({ user: id }),
      preferences: await db.collection('notification_preferences').countDocuments({ _id: id }),
      openSessions: await db.collection('sessions').countDocuments({ user: id, revokedAt: null }),
      vehicles: await db.collection('vehicles').countDocuments({ owner: id }),
      reminders: await db.collection('vehicle_reminders').countDocuments({ client: id }),
    };
  };

  it('erases the account at once for its sessions and sockets, keeps its messages under « Compte supprimé », REST and live', async () => {
    const api = await startApi();
    const [client, garagiste] = await Promise.all([
      registerActor(api.baseUrl, 'client', 'Camille Partante'),
      registerActor(api.baseUrl, 'garagiste', 'Marc Restant'),
    ]);
    const clio = await addVehicle(api.baseUrl, client);
    const booking = await book(api.baseUrl, client, garagiste, 'Distribution', clio.id);
    await request(api.baseUrl)
      .post('/api/reminders')
      .set('Authorization', garagiste.bearer)
      .send({ vehicleId: clio.id, text: 'Vidange dans 6 mois', dueAt: new Date(Date.now() + 86_400_000).toISOString() })
      .expect(201);
    const said = await sendMessage(api.baseUrl, client, garagiste, 'Bonjour, je vends ma voiture');
    const file = await upload(api, client);
    await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .send({ recipientId: garagiste.user.id, content: 'Ma carte grise', attachmentIds: [file.id] })
      .expect(201);
    await request(api.baseUrl)
      .put('/api/notifications/preferences')
      .set('Authorization', client.bearer)
      .send({ emailEnabled: false })
      .expect(200);
    await db.collection('push_subscriptions').insertOne({
      _id: 'deletion-test-subscription' as unknown as ObjectId,
      user: new ObjectId(client.user.id),
      endpoint: 'https://push.example.test/abc',
      p256dh: 'key',
      auth: 'secret',
    });

    const [clientSocket, garagisteSocket] = await Promise.all([
      connectSocket(api.baseUrl, client.accessToken),
      connectSocket(api.baseUrl, garagiste.accessToken),
    ]);
    const clientClosed = closed(clientSocket);
    const shownDeleted = nextEvent(
      garagisteSocket,
      'conversation-updated',
      ({ conversation }) => conversation.otherUser.name === DELETED_ACCOUNT_NAME,
      20_000,
    );

    // A wrong password deletes nothing.
    const refused = await deleteAccount(api, client, 'pas-le-bon-mot-de-passe').expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.body.message).toContain('mot de passe');
    await request(api.baseUrl).get('/api/auth/me').set('Authorization', client.bearer).expect(200);

    await deleteAccount(api, client).expect(204);
    // At once: the socket is closed, the token refused, the password no longer logs in.
    expect(await clientClosed).toBe('io server disconnect');
    await request(api.baseUrl).get('/api/auth/me').set('Authorization', client.bearer).expect(401);
    await request(api.baseUrl)
      .post('/api/auth/login')
      .send({ email: client.user.email, password: PASSWORD })
      .expect(401);

    // Live: the garagiste's list and open thread learn the new name.
    const event = await shownDeleted;
    expect(event.conversation.otherUser).toEqual({ id: client.user.id, name: DELETED_ACCOUNT_NAME, role: 'client' });
    await deletionDone(client);

    expect(await leftOf(client.user.id)).toEqual(NOTHING_LEFT);
    // REST: the conversation and its messages stay readable for the garagiste, the file is gone.
    const [conversation] = (
      (await request(api.baseUrl).get('/api/messages/conversations').set('Authorization', garagiste.bearer).expect(200))
        .body as Page<ConversationView>
    ).items;
    expect(conversation.otherUser).toEqual({ id: client.user.id, name: DELETED_ACCOUNT_NAME, role: 'client' });
    const history = (
      await request(api.baseUrl)
        .get(`/api/messages/conversation/${client.user.id}`)
        .set('Authorization', garagiste.bearer)
        .expect(200)
    ).body as Page<MessageView>;
    expect(history.items.map(({ content }) => content)).toEqual(
      expect.arrayContaining([said.content, 'Ma carte grise']),
    );
    expect(history.items.flatMap(({ attachments }) => attachments ?? [])).toEqual([]);
    // The thread's header asks who the id names: the erased client, to the garage they wrote to.
    const profile = await request(api.baseUrl)
      .get(`/api/users/${client.user.id}`)
      .set('Authorization', garagiste.bearer)
      .expect(200);
    expect(profile.body).toEqual({ id: client.user.id, name: DELETED_ACCOUNT_NAME, role: 'client' });
    await request(api.baseUrl).get(`/api/attachments/${file.id}/file`).expect(404);
    // The garage keeps its booking, with its copy of the vehicle.
    const kept = await request(api.baseUrl)
      .get(`/api/appointments/${booking.id}`)
      .set('Authorization', garagiste.bearer)
      .expect(200);
    expect(kept.body.vehicle).toEqual({
      vehicleId: clio.id,
      plate: 'AB-123-CD',
      make: 'Renault',
      model: 'Clio',
      year: 2012,
    });
    // The e-mail is free again.
    await request(api.baseUrl)
      .post('/api/auth/register')
      .send({ email: client.user.email, password: PASSWORD, name: 'Camille Revenue', role: 'client' })
      .expect(201);
    garagisteSocket.close();
  }, 90_000);

  it('counts the passwords tried against the login attempts’ limit', async () => {
    const api = processes[0] ?? (await startApi());
    const client = await registerActor(api.baseUrl, 'client');
    for (let attempt = 0; attempt < 3; attempt += 1) await deleteAccount(api, client, 'pas-le-bon').expect(403);
    expect((await deleteAccount(api, client).expect(429)).body).toMatchObject({ code: 'RATE_LIMITED' });
    await request(api.baseUrl).get('/api/auth/me').set('Authorization', client.bearer).expect(200);
  });

  it('refuses the last owner of a garage with a French reason, and lets a staff member go', async () => {
    const api = processes[0] ?? (await startApi());
    const owner = await registerActor(api.baseUrl, 'garagiste');
    const answer = await deleteAccount(api, owner).expect(409);
    expect(answer.body.code).toBe('LAST_OWNER');
    expect(answer.body.message).toMatch(/garage/);
    await request(api.baseUrl).get('/api/auth/me').set('Authorization', owner.bearer).expect(200);

    const staff = await joinTeam(api.baseUrl, owner, 'Julie Partante');
    await deleteAccount(api, staff, MEMBER_PASSWORD).expect(204);
    await deletionDone(staff);
    const team = (await request(api.baseUrl).get('/api/team').set('Authorization', owner.bearer).expect(200))
      .body as GarageTeamView;
    expect(team.members.map(({ userId }) => userId)).toEqual([owner.user.id]);
  });

  it('resumes a deletion cut short by SIGKILL in another process', async () => {
    const first = processes[0] ?? (await startApi());
    const client = await registerActor(first.baseUrl, 'client', 'Camille Interrompue');
    // Enough conversations that the deletion is still at work when its process is killed.
    const garagistes = await Promise.all(
      Array.from({ length: 30 }, (_, index) => registerActor(first.baseUrl, 'garagiste', `Garagiste ${index}`)),
    );
    for (const garagiste of garagistes) await sendMessage(first.baseUrl, client, garagiste, 'Bonjour');
    await upload(first, client);

    // The deleting process alone holds it: the others are stopped until it is killed.
    const doomed = await startApi();
    for (const api of processes.filter((candidate) => candidate !== doomed)) {
      api.child.kill('SIGKILL');
      await api.exited;
    }
    await deleteAccount(doomed, client).expect(204);
    // Killed as soon as its first step is recorded: read back to back, no pause, not to miss the middle.
    const deadline = Date.now() + 20_000;
    while (((await deletionJob(client))?.['step'] ?? 0) < 1) {
      if (Date.now() > deadline) throw new Error('the deletion never recorded its first step');
    }
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const cut = await deletionJob(client);
    expect(cut?.['status']).toBe('pending');

    const restarted = await startApi();
    await deletionDone(client, 60_000);
    expect(await leftOf(client.user.id)).toEqual(NOTHING_LEFT);
    const [conversation] = (
      (
        await request(restarted.baseUrl)
          .get('/api/messages/conversations')
          .set('Authorization', garagistes[29].bearer)
          .expect(200)
      ).body as Page<ConversationView>
    ).items;
    expect(conversation.otherUser.name).toBe(DELETED_ACCOUNT_NAME);
  }, 150_000);
});
