import type { MessageView, OpeningHoursView } from '@promoto/shared-dto';
import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { eventually } from './support/eventually';
import { testMailpit } from './support/mailpit';
import { createProcessAdmin } from './support/admins';
import { startReplicaPair, startRedis, type ApiProcess, type RedisProcess } from './support/processes';
import { connectSocket, emitWithAck, nextEvent, pause, type ChatClient } from './support/sockets';
import { joinTeam } from './support/team';
import { dropTestDatabase, testDatabaseName, testServerUri } from './support/test-database';

const messageOf = (ack: unknown) => (ack as { message: MessageView }).message;

/** Two API replicas over one database and one Redis, as ops run them behind a load balancer. */
describe('several replicas over Redis', () => {
  let redis: RedisProcess;
  let replicaA: ApiProcess;
  let replicaB: ApiProcess;
  let client: Actor;
  let garagiste: Actor;
  const sockets: ChatClient[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const env = {
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      REDIS_URL: redis.url,
      SMTP_URL: testMailpit().smtpUrl,
    };
    [replicaA, replicaB] = await startReplicaPair(env);
    client = await registerActor(replicaA.baseUrl, 'client', 'Camille');
    garagiste = await registerActor(replicaB.baseUrl, 'garagiste', 'Marc');
  }, 60_000);

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    for (const running of [replicaA, replicaB, redis]) running?.child.kill('SIGKILL');
    await dropTestDatabase();
  });

  const connect = async (replica: ApiProcess, actor: Actor) => {
    const socket = await connectSocket(replica.baseUrl, actor.accessToken);
    sockets.push(socket);
    return socket;
  };

  const unreadTotal = async (replica: ApiProcess, actor: Actor): Promise<number> =>
    (await request(replica.baseUrl).get('/api/messages/unread-count').set('Authorization', actor.bearer).expect(200))
      .body.total;

  it('chats both ways across replicas, with receipts and badge updates', async () => {
    const clientOnA = await connect(replicaA, client);
    const garagisteOnB = await connect(replicaB, garagiste);

    const delivered = nextEvent(garagisteOnB, 'new-message');
    const badge = nextEvent(garagisteOnB, 'conversation-updated', (event) => event.conversation.unreadCount === 1);
    const sent = messageOf(
      await emitWithAck(clientOnA, 'send-message', { recipientId: garagiste.user.id, content: 'Via A' }),
    );
    expect(await delivered).toEqual(sent);
    // The event carries no total (the tab adds the conversation's change); the badge is written before it.
    expect(await badge).not.toHaveProperty('unreadTotal');
    expect(await unreadTotal(replicaA, garagiste)).toBe(1);

    const receipt = nextEvent(clientOnA, 'messages-read');
    expect(await emitWithAck(garagisteOnB, 'mark-read', { userId: client.user.id })).toMatchObject({ ok: true });
    expect(await receipt).toMatchObject({ readerId: garagiste.user.id, lastReadMessageId: sent.id });

    const reply = nextEvent(clientOnA, 'new-message');
    const clientBadge = nextEvent(clientOnA, 'conversation-updated', (event) => event.conversation.unreadCount === 1);
    const replied = messageOf(
      await emitWithAck(garagisteOnB, 'send-message', { recipientId: client.user.id, content: 'Via B' }),
    );
    expect(await reply).toEqual(replied);
    expect((await clientBadge).conversation.lastMessage?.id).toBe(replied.id);
    expect(await unreadTotal(replicaB, client)).toBe(1);
  });

  it('refuses a member removed through one replica at once on the other, REST and sockets', async () => {
    const staff = await joinTeam(replicaA.baseUrl, garagiste, 'Julie');
    const { bearer } = staff;
    // Replica B has the account cached as a member.
    await request(replicaB.baseUrl).get('/api/team').set('Authorization', bearer).expect(200);
    const socketOnB = await connect(replicaB, staff);
    const ended = nextEvent(socketOnB, 'membership-ended');

    await request(replicaA.baseUrl)
      .delete(`/api/team/members/${staff.user.id}`)
      .set('Authorization', garagiste.bearer)
      .expect(204);

    expect(await ended).toMatchObject({ garageId: garagiste.user.garageId });
    // Well within ACCOUNT_CACHE_TTL_MS (10 s): B forgot the account when A told it.
    await eventually(async () => {
      await request(replicaB.baseUrl).get('/api/team').set('Authorization', bearer).expect(404);
    }, 2_000);
  });

  it("tells a member who joined through one replica of the garage's conversations recorded by either", async () => {
    const clientOnA = await connect(replicaA, client);
    const clientOnB = await connect(replicaB, client);
    const garagisteOnA = await connect(replicaA, garagiste);
    // The conversation-updated that `watcher` gets for a message of the client sent through `sender`.
    const sendSeenBy = async (watcher: ChatClient, sender: ChatClient, content: string) => {
      const seen = nextEvent(
        watcher,
        'conversation-updated',
        (event) => event.conversation.lastMessage?.content === content,
      );
      await emitWithAck(sender, 'send-message', { recipientId: garagiste.user.id, content });
      return seen;
    };
    // Both replicas record a message to the garage: each remembers its team as it is.
    await sendSeenBy(garagisteOnA, clientOnA, 'Avant Paul, par A');
    await sendSeenBy(garagisteOnA, clientOnB, 'Avant Paul, par B');

    const paul = await joinTeam(replicaA.baseUrl, garagiste, 'Paul');
    const paulOnA = await connect(replicaA, paul);
    // A forgot the team by its own write; B when A told it, well within ACCOUNT_CACHE_TTL_MS (10 s).
    const byA = await sendSeenBy(paulOnA, clientOnA, 'Après Paul, par A');
    const byB = await sendSeenBy(paulOnA, clientOnB, 'Après Paul, par B');
    expect([byA.conversation.otherUser.id, byB.conversation.otherUser.id]).toEqual([client.user.id, client.user.id]);
  });

  it('shows opening hours changed through one replica at once on the other', async () => {
    const path = `/api/garages/${garagiste.user.garageId}/opening-hours`;
    const hoursOn = async (replica: ApiProcess) =>
      (await request(replica.baseUrl).get(path).set('Authorization', client.bearer).expect(200))
        .body as OpeningHoursView;
    // B reads the garage's hours, and keeps them.
    expect((await hoursOn(replicaB)).custom).toBe(false);
    const weekly = [{ day: 1, opens: '07:00', closes: '12:00' }];
    await request(replicaA.baseUrl)
      .put(path)
      .set('Authorization', garagiste.bearer)
      .send({ weekly, closures: [] })
      .expect(200);
    // B forgot them when A told it: well within the 30 s it kept hours for before.
    await eventually(async () => expect((await hoursOn(replicaB)).weekly).toEqual(weekly), 15_000);
  });

  it('refuses the tokens of a session ended through one replica at once on the other, and closes its sockets there', async () => {
    const julien = await registerActor(replicaA.baseUrl, 'client', 'Julien');
    // Replica B has the session cached as active.
    await request(replicaB.baseUrl).get('/api/auth/me').set('Authorization', julien.bearer).expect(200);
    const socketOnB = await connect(replicaB, julien);
    const closed = new Promise<string>((resolve) => socketOnB.once('disconnect', resolve));

    await request(replicaA.baseUrl).post('/api/auth/logout-all').set('Authorization', julien.bearer).expect(204);

    expect(await closed).toBe('io server disconnect');
    // Well within ACCOUNT_CACHE_TTL_MS (10 s): B marked the session ended when A told it.
    await eventually(async () => {
      await request(replicaB.baseUrl).get('/api/auth/me').set('Authorization', julien.bearer).expect(401);
    }, 2_000);
  });

  it('suspends an account through one replica: its socket on the other closes at once, its token and login are refused there', async () => {
    const [admin, lea] = await Promise.all([
      createProcessAdmin(replicaA.baseUrl),
      registerActor(replicaA.baseUrl, 'client', 'Léa'),
    ]);
    // Replica B has the account and the session cached.
    await request(replicaB.baseUrl).get('/api/auth/me').set('Authorization', lea.bearer).expect(200);
    const socketOnB = await connect(replicaB, lea);
    const closed = new Promise<string>((resolve) => socketOnB.once('disconnect', resolve));

    await request(replicaA.baseUrl)
      .post(`/api/admin/accounts/${lea.user.id}/suspension`)
      .set('Authorization', admin.bearer)
      .send({ reason: 'Spam' })
      .expect(200);

    expect(await closed).toBe('io server disconnect');
    // Well within ACCOUNT_CACHE_TTL_MS (10 s): B forgot the account and its sessions when A told it.
    await eventually(async () => {
      await request(replicaB.baseUrl).get('/api/auth/me').set('Authorization', lea.bearer).expect(401);
    }, 2_000);
    const login = await request(replicaB.baseUrl)
      .post('/api/auth/login')
      .send({ email: lea.user.email, password: 'motdepasse-solide' })
      .expect(403);
    expect(login.body.code).toBe('ACCOUNT_SUSPENDED');
  });

  it('keeps delivering across replicas after Redis goes away and comes back', async () => {
    const clientOnA = await connect(replicaA, client);
    const garagisteOnB = await connect(replicaB, garagiste);

    redis.child.kill('SIGKILL');
    await redis.exited;
    const whileDown = await emitWithAck(clientOnA, 'send-message', {
      recipientId: garagiste.user.id,
      content: 'Redis absent',
    });
    expect(whileDown.ok).toBe(true);

    redis = await startRedis(redis.port);
    let deliveredAfterRestart = false;
    for (let attempt = 0; attempt < 30 && !deliveredAfterRestart; attempt += 1) {
      const arrival = nextEvent(garagisteOnB, 'new-message', (m) => m.content === `Retour ${attempt}`, 1_000).then(
        () => true,
        () => false,
      );
      await emitWithAck(clientOnA, 'send-message', { recipientId: garagiste.user.id, content: `Retour ${attempt}` });
      deliveredAfterRestart = await arrival;
    }
    expect(deliveredAfterRestart).toBe(true);

    const history = await request(replicaB.baseUrl)
      .get(`/api/messages/conversation/${client.user.id}?limit=100`)
      .set('Authorization', garagiste.bearer)
      .expect(200);
    expect(history.body.items.map((m: MessageView) => m.content)).toContain('Redis absent');
  });

  it('lets a client of a killed replica reconnect to the other and catch up with nothing lost', async () => {
    const clientOnA = await connect(replicaA, client);
    const lastSeen = messageOf(
      await emitWithAck(clientOnA, 'send-message', { recipientId: garagiste.user.id, content: 'Avant la panne' }),
    );
    const disconnected = new Promise((resolve) => clientOnA.once('disconnect', resolve));
    replicaA.child.kill('SIGKILL');
    await disconnected;

    const missed: MessageView[] = [];
    for (const content of ['Pendant la panne 1', 'Pendant la panne 2']) {
      const response = await request(replicaB.baseUrl)
        .post('/api/messages')
        .set('Authorization', garagiste.bearer)
        .send({ recipientId: client.user.id, content })
        .expect(201);
      missed.push(response.body);
    }
    await pause(100);

    const clientOnB = await connect(replicaB, client);
    const caughtUp = await request(replicaB.baseUrl)
      .get(`/api/messages/conversation/${garagiste.user.id}?after=${lastSeen.id}`)
      .set('Authorization', client.bearer)
      .expect(200);
    expect(caughtUp.body).toEqual({ items: missed, nextCursor: null });

    const live = nextEvent(clientOnB, 'new-message');
    await request(replicaB.baseUrl)
      .post('/api/messages')
      .set('Authorization', garagiste.bearer)
      .send({ recipientId: client.user.id, content: 'Après la reconnexion' })
      .expect(201);
    expect((await live).content).toBe('Après la reconnexion');
  });
});
