import {
  SOCKET_EVENTS,
  type ApiError,
  type ConversationView,
  type GarageView,
  type MarkReadResponse,
  type MessageView,
  type Page,
} from '@promoto/shared-dto';
import request from 'supertest';
import { ConversationRecorder } from '../src/messages/conversation-recorder';
import { ConversationsService } from '../src/messages/conversations.service';
import { registerActor, type Actor } from './support/actors';
import { eventually } from './support/eventually';
import { testMailpit } from './support/mailpit';
import { connectSocket, emitWithAck, nextEvent, recordEvents, type ChatClient } from './support/sockets';
import { joinTeam } from './support/team';
import { commandsOf, documentsRead } from './support/db-commands';
import { createTestApp, type TestApp } from './support/test-app';

describe("a garage's shared inbox: conversations between a client and a garage", () => {
  const mailpit = testMailpit();
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let owner: Actor;
  let staff: Actor;
  let client: Actor;
  let sockets: ChatClient[] = [];

  const send = async (from: Actor, recipientId: string, content: string) =>
    (await api.post('/api/messages').set('Authorization', from.bearer).send({ recipientId, content }).expect(201))
      .body as MessageView;
  const conversations = async (actor: Actor) =>
    (
      (await api.get('/api/messages/conversations').set('Authorization', actor.bearer).expect(200))
        .body as Page<ConversationView>
    ).items;
  const history = async (actor: Actor, userId: string) =>
    (
      (await api.get(`/api/messages/conversation/${userId}`).set('Authorization', actor.bearer).expect(200))
        .body as Page<MessageView>
    ).items;
  const unread = async (actor: Actor) =>
    (
      (await api.get('/api/messages/unread-count').set('Authorization', actor.bearer).expect(200)).body as {
        total: number;
      }
    ).total;
  const markRead = async (actor: Actor, userId: string) =>
    (await api.put('/api/messages/read').set('Authorization', actor.bearer).send({ userId }).expect(200))
      .body as MarkReadResponse;
  const socketOf = async (actor: Actor) => {
    const socket = await connectSocket(testApp.baseUrl, actor.accessToken);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    testApp = await createTestApp({ SMTP_URL: mailpit.smtpUrl, THROTTLE_AUTH_PER_MINUTE: '1000' });
    api = request(testApp.baseUrl);
    [owner, client] = await Promise.all([
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
      registerActor(testApp.baseUrl, 'client', 'Camille'),
    ]);
    staff = await joinTeam(testApp.baseUrl, owner, 'Léa');
  });

  afterEach(() => {
    for (const socket of sockets) socket.close();
    sockets = [];
  });

  afterAll(() => testApp.close());

  it('puts two members and a client in one conversation, each member with their own unread count', async () => {
    const garageId = owner.user.garageId as string;
    const [ownerSocket, staffSocket, clientSocket] = await Promise.all([
      socketOf(owner),
      socketOf(staff),
      socketOf(client),
    ]);

    // The client writes to the staff member's id: the garage's conversation, live to both members.
    const toOwner = nextEvent(ownerSocket, SOCKET_EVENTS.newMessage);
    const toStaff = nextEvent(staffSocket, SOCKET_EVENTS.newMessage);
    const question = await send(client, staff.user.id, 'Bonjour, faites-vous les vidanges ?');
    expect(question).toMatchObject({ senderId: client.user.id, recipientId: garageId, garageId });
    expect(question.senderName).toBeUndefined();
    expect((await toOwner).id).toBe(question.id);
    expect((await toStaff).id).toBe(question.id);

    await eventually(async () => {
      for (const member of [owner, staff]) {
        const [conversation] = await conversations(member);
        expect(conversation).toMatchObject({
          id: question.conversationId,
          otherUser: { id: client.user.id, name: 'Camille', role: 'client' },
          unreadCount: 1,
        });
        expect(await unread(member)).toBe(1);
      }
    });

    // Léa answers: the client and Marc see it live, with her name.
    const clientGets = nextEvent(clientSocket, SOCKET_EVENTS.newMessage);
    const ownerGets = nextEvent(ownerSocket, SOCKET_EVENTS.newMessage);
    const answer = await send(staff, client.user.id, 'Oui, du lundi au samedi.');
    expect(answer).toMatchObject({
      conversationId: question.conversationId,
      senderId: staff.user.id,
      recipientId: client.user.id,
      garageId,
      senderName: 'Léa',
    });
    expect(await clientGets).toMatchObject({ id: answer.id, senderName: 'Léa' });
    expect((await ownerGets).id).toBe(answer.id);

    // The client opens the garage's conversation with either member's id, or the garage's.
    for (const id of [owner.user.id, staff.user.id, garageId]) {
      expect((await history(client, id)).map((message) => message.id)).toEqual([question.id, answer.id]);
    }
    const [clientView] = await conversations(client);
    expect(clientView).toMatchObject({
      id: question.conversationId,
      otherUser: { id: garageId, role: 'garagiste', garageName: expect.stringMatching(/^Garage /) },
      lastMessage: { id: answer.id, senderId: staff.user.id, senderName: 'Léa' },
      unreadCount: 1,
    });
    expect(clientView.otherLastReadMessageId).toBeUndefined();
    // The garage as the client's thread names it, before or without a conversation.
    const garage = await api.get(`/api/users/${garageId}`).set('Authorization', client.bearer).expect(200);
    expect(garage.body).toEqual({ ...clientView.otherUser });

    // Léa reads: her count falls to 0, Marc's stays at 1, and the client's message is « lu par le garage ».
    const readSeen = nextEvent(clientSocket, SOCKET_EVENTS.messagesRead);
    const read = await markRead(staff, client.user.id);
    expect(read.unreadTotal).toBe(0);
    expect(await readSeen).toMatchObject({ conversationId: question.conversationId, readerId: staff.user.id });
    expect(await unread(owner)).toBe(1);
    expect((await conversations(owner))[0].unreadCount).toBe(1);
    expect((await conversations(staff))[0].unreadCount).toBe(0);
    // Read up to the conversation's newest message: the client's question is below it.
    expect((await conversations(client))[0].otherLastReadMessageId).toBe(answer.id);

    // Marc reads on his own; then the client reads the garage's answer through Marc's id.
    expect((await markRead(owner, client.user.id)).unreadTotal).toBe(0);
    expect((await markRead(client, owner.user.id)).unreadTotal).toBe(0);
    expect((await conversations(owner))[0].otherLastReadMessageId).toBe(answer.id);

    // A member changes only their own messages.
    const refused = await api
      .patch(`/api/messages/${answer.id}`)
      .set('Authorization', owner.bearer)
      .send({ content: 'Oui, du lundi au vendredi.' })
      .expect(403);
    expect((refused.body as ApiError).code).toBe('FORBIDDEN');
    await api
      .patch(`/api/messages/${answer.id}`)
      .set('Authorization', staff.bearer)
      .send({ content: 'Oui, du lundi au vendredi.' })
      .expect(200);
  });

  it('gives a member who joins the garage its past as read: what arrives from then on is unread for them', async () => {
    const founder = await registerActor(testApp.baseUrl, 'garagiste', 'Paul');
    const garageId = founder.user.garageId as string;
    const [nina, yann] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Nina'),
      registerActor(testApp.baseUrl, 'client', 'Yann'),
    ]);
    await send(nina, garageId, 'Bonjour');
    await send(nina, garageId, 'Vous êtes là ?');
    await send(yann, garageId, 'Une question');
    await testApp.app.get(ConversationRecorder).whenIdle();

    const newcomer = await joinTeam(testApp.baseUrl, founder, 'Zoé');
    const counts = async (actor: Actor) =>
      (await conversations(actor)).map((conversation) => [conversation.otherUser.name, conversation.unreadCount]);
    // Written after the invitation's answer, in the background.
    await eventually(async () => {
      expect(await counts(newcomer)).toEqual([
        ['Yann', 0],
        ['Nina', 0],
      ]);
      expect(await unread(newcomer)).toBe(0);
    });
    // The others' reading is theirs: the founder's backlog stays.
    expect(await counts(founder)).toEqual([
      ['Yann', 1],
      ['Nina', 2],
    ]);
    expect(await unread(founder)).toBe(3);

    await send(nina, garageId, 'Un nouveau message');
    expect(await counts(newcomer)).toEqual([
      ['Nina', 1],
      ['Yann', 0],
    ]);
    expect(await unread(newcomer)).toBe(1);
    expect(await unread(founder)).toBe(4);
    expect((await markRead(newcomer, nina.user.id)).unreadTotal).toBe(0);
    expect(await unread(newcomer)).toBe(0);
  });

  it("tells the newcomer's open tabs their badge and inbox once their readings of the past are written", async () => {
    const founder = await registerActor(testApp.baseUrl, 'garagiste', 'Inès');
    const garageId = founder.user.garageId as string;
    const rose = await registerActor(testApp.baseUrl, 'client', 'Rose');
    await send(rose, garageId, 'Bonjour');
    await send(rose, garageId, 'Toujours là ?');
    await testApp.app.get(ConversationRecorder).whenIdle();
    // The readings are held until the newcomer's tab is open, as a garage of thousands of
    // conversations holds them for seconds; then written as always.
    const service = testApp.app.get(ConversationsService);
    const readBaseline = service.readBaseline.bind(service);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const hold = jest.spyOn(service, 'readBaseline').mockImplementation(async (id) => {
      await held;
      return readBaseline(id);
    });
    try {
      const newcomer = await joinTeam(testApp.baseUrl, founder, 'Hugo');
      const socket = await socketOf(newcomer);
      expect(await unread(newcomer)).toBe(2);
      const told = nextEvent(socket, SOCKET_EVENTS.conversationUpdated, (event) => event.unreadTotal === 0);
      release();
      expect((await told).conversation).toMatchObject({ otherUser: { id: rose.user.id }, unreadCount: 0 });
      expect(await unread(newcomer)).toBe(0);
    } finally {
      hold.mockRestore();
    }
  });

  it('counts a message once for the garage, whatever the number of members', async () => {
    const another = await registerActor(testApp.baseUrl, 'client', 'Julien');
    const before = await Promise.all([unread(owner), unread(staff)]);
    await send(another, owner.user.id, 'Premier');
    await send(another, staff.user.id, 'Second');
    await eventually(async () => {
      expect(await Promise.all([unread(owner), unread(staff)])).toEqual(before.map((count) => count + 2));
    });
    const conversation = (await conversations(staff)).find((item) => item.otherUser.id === another.user.id);
    expect(conversation?.unreadCount).toBe(2);
    await markRead(owner, another.user.id);
    expect(await unread(staff)).toBe(before[1] + 2);
  });

  it("stops a removed member's sockets getting the garage's events, and the garage keeps its conversations", async () => {
    const leaving = await joinTeam(testApp.baseUrl, owner, 'Théo');
    const [leavingSocket, ownerSocket] = await Promise.all([socketOf(leaving), socketOf(owner)]);
    const gotten = recordEvents(leavingSocket, SOCKET_EVENTS.newMessage);
    const first = nextEvent(leavingSocket, SOCKET_EVENTS.newMessage);
    await send(client, owner.user.id, 'Encore une question');
    await first;

    const closed = new Promise<string>((resolve) => leavingSocket.once('disconnect', resolve));
    await api.delete(`/api/team/members/${leaving.user.id}`).set('Authorization', owner.bearer).expect(204);
    expect(await closed).toBe('io server disconnect');

    const ownerGets = nextEvent(ownerSocket, SOCKET_EVENTS.newMessage, (message) => message.content === 'Et une autre');
    await send(client, owner.user.id, 'Et une autre');
    await ownerGets;
    expect(gotten).toHaveLength(1);
    const refused = await api.get('/api/messages/conversations').set('Authorization', leaving.bearer).expect(403);
    expect((refused.body as ApiError).code).toBe('FORBIDDEN');
    expect((await conversations(owner)).some((item) => item.otherUser.id === client.user.id)).toBe(true);
  });

  it("relays a member's typing to the client and the client's to every member in the conversation's room", async () => {
    const [clientSocket, ownerSocket, staffSocket] = await Promise.all([
      socketOf(client),
      socketOf(owner),
      socketOf(staff),
    ]);
    const joined = await Promise.all([
      emitWithAck(clientSocket, SOCKET_EVENTS.joinRoom, { userId: staff.user.id }),
      emitWithAck(ownerSocket, SOCKET_EVENTS.joinRoom, { userId: client.user.id }),
      emitWithAck(staffSocket, SOCKET_EVENTS.joinRoom, { userId: client.user.id }),
    ]);
    expect(new Set(joined.map((ack) => ack['conversationId'])).size).toBe(1);
    const seenByClient = nextEvent(clientSocket, SOCKET_EVENTS.typing);
    const seenByOwner = nextEvent(ownerSocket, SOCKET_EVENTS.typing);
    expect(
      await emitWithAck(staffSocket, SOCKET_EVENTS.typing, { recipientId: client.user.id, isTyping: true }),
    ).toEqual({
      ok: true,
    });
    expect(await seenByClient).toMatchObject({ userId: staff.user.id, isTyping: true });
    expect(await seenByOwner).toMatchObject({ userId: staff.user.id, isTyping: true });
    const seenByStaff = nextEvent(staffSocket, SOCKET_EVENTS.typing);
    await emitWithAck(clientSocket, SOCKET_EVENTS.typing, { recipientId: owner.user.id, isTyping: true });
    expect(await seenByStaff).toMatchObject({ userId: client.user.id, isTyping: true });
  });

  it("lets the garage's founder leave like any owner: another owner becomes its contact, the conversations stay", async () => {
    const founder = await registerActor(testApp.baseUrl, 'garagiste', 'Sophie');
    const partner = await joinTeam(testApp.baseUrl, founder, 'Paul', 'owner');
    const question = await send(client, founder.user.id, 'Bonjour Sophie');
    await api.delete(`/api/team/members/${founder.user.id}`).set('Authorization', founder.bearer).expect(204);

    const garage = (
      await api.get(`/api/garages/${founder.user.garageId}`).set('Authorization', client.bearer).expect(200)
    ).body as GarageView;
    expect([garage.ownerId, garage.ownerName]).toEqual([partner.user.id, 'Paul']);
    expect((await history(partner, client.user.id)).map((message) => message.id)).toContain(question.id);
    // The last owner cannot leave.
    const refused = await api.delete(`/api/team/members/${partner.user.id}`).set('Authorization', partner.bearer);
    expect([refused.status, (refused.body as ApiError).code]).toEqual([409, 'LAST_OWNER']);
    // The former founder's id names nobody's garage any more.
    await api
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .send({ recipientId: founder.user.id, content: 'Toujours là ?' })
      .expect(404);
  });

  it("lists a member's conversations from their own reading, without reading the other members'", async () => {
    const boss = await registerActor(testApp.baseUrl, 'garagiste', 'Hugo');
    const mate = await joinTeam(testApp.baseUrl, boss, 'Inès');
    const writer = await registerActor(testApp.baseUrl, 'client', 'Zoé');
    // Hugo reads the first message, Inès the first two: both have a reading of the conversation.
    await send(writer, boss.user.id, 'Premier message');
    await markRead(boss, writer.user.id);
    await send(writer, boss.user.id, 'Deuxième message');
    await markRead(mate, writer.user.id);
    await send(writer, boss.user.id, 'Troisième message');
    // Recorded: what is read from here on is the lists' reading only.
    await testApp.app.get(ConversationRecorder).whenIdle();

    const filters = ['', '?assigned=none'];
    for (const [member, unreadCount] of [
      [boss, 2],
      [mate, 1],
    ] as const) {
      const read = await documentsRead('conversations', async () => {
        for (const filter of filters) {
          const page = (
            await api.get(`/api/messages/conversations${filter}`).set('Authorization', member.bearer).expect(200)
          ).body as Page<ConversationView>;
          expect(page.items).toEqual([
            expect.objectContaining({ otherUser: expect.objectContaining({ id: writer.user.id }), unreadCount }),
          ]);
        }
      });
      expect(read).toHaveLength(filters.length);
      for (const document of read) expect(Object.keys(document['readers'])).toEqual([member.user.id]);
    }
  });

  it('costs a message to a garage of ten members the same database commands as to a garage of one', async () => {
    const alone = await registerActor(testApp.baseUrl, 'garagiste', 'Seul');
    const crowded = await registerActor(testApp.baseUrl, 'garagiste', 'Chef');
    for (let member = 1; member < 10; member += 1) await joinTeam(testApp.baseUrl, crowded, `Membre ${member}`);
    const writer = await registerActor(testApp.baseUrl, 'client', 'Nina');
    const recorder = testApp.app.get(ConversationRecorder);
    const watched = new Set(['messages', 'conversations', 'users', 'garages']);
    const exchange = (garagiste: Actor) =>
      commandsOf(watched, async () => {
        await send(writer, garagiste.user.id, 'Une question');
        await recorder.whenIdle();
        await send(garagiste, writer.user.id, 'Une réponse');
        await recorder.whenIdle();
      });
    // The conversations open, and the profiles and the teams are cached from then on.
    await exchange(alone);
    await exchange(crowded);
    const [one, ten] = [await exchange(alone), await exchange(crowded)];
    expect(ten).toEqual(one);
    // Per message: its insert, the conversation's update (a bulk write) and its read back, one
    // badge write that answers no document (the client's, or the garage's received total); no
    // read of the team, and nothing per member.
    expect(one).toEqual([
      'conversations.bulkWrite(1)',
      'conversations.bulkWrite(1)',
      'conversations.find(_id)',
      'conversations.find(_id)',
      'garages.bulkWrite(1)',
      'messages.insertMany(1)',
      'messages.insertMany(1)',
      'users.bulkWrite(1)',
    ]);
  });
});
