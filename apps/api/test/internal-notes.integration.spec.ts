import {
  SOCKET_EVENTS,
  type ApiError,
  type ConversationView,
  type DataExportConversationFile,
  type MessageView,
  type Page,
  type PushPayload,
  type UploadedAttachmentView,
} from '@promoto/shared-dto';
import sharp from 'sharp';
import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { downloadZip, parsed, readyDataExport, unzip } from './support/data-exports';
import { mailMessage, mailsTo, testMailpit } from './support/mailpit';
import { waitFor, type ApiProcess } from './support/processes';
import { QUIET_MS, startNotifyingApi, type NotifyingApi } from './support/notifying-api';
import { browserKeys, decryptPush, type FakePushService } from './support/push-service';
import { connectSocket, emitWithAck, nextEvent, pause, recordEvents, type ChatClient } from './support/sockets';
import { joinTeam } from './support/team';

/**
 * Internal notes: written by a member for the garage's members through the send pipeline, and
 * absent from every path the client has, over real HTTP and Socket.IO against the built API (with
 * its e-mails in Mailpit and its pushes to a stand-in push service): history pages and catch-up,
 * live events, typing, preview, counts, read receipts, edits and deletions, attachments, e-mail,
 * push and the data export.
 */
describe('internal notes', () => {
  const mailpit = testMailpit();
  let running: NotifyingApi;
  let api: ApiProcess;
  let pushService: FakePushService;
  let owner: Actor;
  let staff: Actor;
  let client: Actor;
  let sockets: ChatClient[] = [];

  beforeAll(async () => {
    running = await startNotifyingApi(mailpit.smtpUrl);
    ({ api, pushService } = running);
    [owner, client] = await Promise.all([
      registerActor(api.baseUrl, 'garagiste', 'Marc'),
      registerActor(api.baseUrl, 'client', 'Camille'),
    ]);
    staff = await joinTeam(api.baseUrl, owner, 'Léa');
  }, 60_000);

  afterEach(() => {
    for (const socket of sockets) socket.close();
    sockets = [];
  });

  afterAll(() => running?.stop());

  const http = () => request(api.baseUrl);
  const send = async (from: Actor, recipientId: string, content: string, extra: object = {}) =>
    (
      await http()
        .post('/api/messages')
        .set('Authorization', from.bearer)
        .send({ recipientId, content, ...extra })
        .expect(201)
    ).body as MessageView;
  const history = async (actor: Actor, userId: string, query = '') =>
    (
      (await http().get(`/api/messages/conversation/${userId}${query}`).set('Authorization', actor.bearer).expect(200))
        .body as Page<MessageView>
    ).items;
  const conversationWith = async (actor: Actor, otherId: string) =>
    (
      (await http().get('/api/messages/conversations').set('Authorization', actor.bearer).expect(200))
        .body as Page<ConversationView>
    ).items.find((conversation) => conversation.otherUser.id === otherId) as ConversationView;
  const unreadTotal = async (actor: Actor) =>
    (
      (await http().get('/api/messages/unread-count').set('Authorization', actor.bearer).expect(200)).body as {
        total: number;
      }
    ).total;
  const markRead = (actor: Actor, userId: string) =>
    http().put('/api/messages/read').set('Authorization', actor.bearer).send({ userId }).expect(200);
  const socketOf = async (actor: Actor) => {
    const socket = await connectSocket(api.baseUrl, actor.accessToken);
    sockets.push(socket);
    return socket;
  };
  /** Every event a socket receives, in order, to assert that nothing of a note reached it. */
  const everyEventOf = (socket: ChatClient) => {
    const events: { name: string; payload: unknown }[] = [];
    socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
    return events;
  };
  const mentions = (events: unknown, ...needles: string[]) =>
    needles.some((needle) => JSON.stringify(events).includes(needle));

  it('shows a note live to the other members only: not its typing, message, edit, deletion or read to the client', async () => {
    const garageId = owner.user.garageId as string;
    const question = await send(client, garageId, 'Bonjour, le devis est prêt ?');
    const answer = await send(staff, client.user.id, 'Presque, je vous le confirme ce soir.');
    await markRead(staff, client.user.id);
    await markRead(client, garageId);

    const [clientSocket, ownerSocket, staffSocket] = await Promise.all([
      socketOf(client),
      socketOf(owner),
      socketOf(staff),
    ]);
    await Promise.all([
      emitWithAck(clientSocket, SOCKET_EVENTS.joinRoom, { userId: garageId }),
      emitWithAck(ownerSocket, SOCKET_EVENTS.joinRoom, { userId: client.user.id }),
      emitWithAck(staffSocket, SOCKET_EVENTS.joinRoom, { userId: client.user.id }),
    ]);
    const clientEvents = everyEventOf(clientSocket);
    const clientTyping = recordEvents(clientSocket, SOCKET_EVENTS.typing);

    // Léa types a note: Marc sees it, the client nothing; a client cannot type one.
    const ownerSeesTyping = nextEvent(ownerSocket, SOCKET_EVENTS.typing);
    expect(
      await emitWithAck(staffSocket, SOCKET_EVENTS.typing, { recipientId: client.user.id, isTyping: true, note: true }),
    ).toEqual({ ok: true });
    expect(await ownerSeesTyping).toMatchObject({ userId: staff.user.id, isTyping: true, note: true });
    expect(
      await emitWithAck(clientSocket, SOCKET_EVENTS.typing, { recipientId: garageId, isTyping: true, note: true }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Léa writes the note over the socket: Marc gets it live, with its kind and her name.
    const ownerGetsNote = nextEvent(ownerSocket, SOCKET_EVENTS.newMessage);
    const sent = await emitWithAck(staffSocket, SOCKET_EVENTS.sendMessage, {
      recipientId: client.user.id,
      content: 'Client pressé : appeler le fournisseur demain',
      note: true,
    });
    const written = sent['message'] as MessageView;
    expect(written).toMatchObject({
      kind: 'note',
      senderId: staff.user.id,
      senderName: 'Léa',
      recipientId: client.user.id,
      garageId,
      conversationId: question.conversationId,
    });
    expect(await ownerGetsNote).toMatchObject({ id: written.id, kind: 'note' });

    // Marc reads it: his own reading moves, not the garage's side the client sees.
    const ownerRead = await markRead(owner, client.user.id);
    expect(ownerRead.body).toMatchObject({ lastReadMessageId: written.id, unreadTotal: 0 });

    // Léa edits, then deletes it: Marc is told, the client is not; nobody else may change it.
    const ownerSeesEdit = nextEvent(ownerSocket, SOCKET_EVENTS.messageUpdated);
    await http()
      .patch(`/api/messages/${written.id}`)
      .set('Authorization', staff.bearer)
      .send({ content: 'Client pressé : fournisseur appelé' })
      .expect(200);
    expect(await ownerSeesEdit).toMatchObject({ id: written.id, content: 'Client pressé : fournisseur appelé' });
    const ownerRefused = await http()
      .patch(`/api/messages/${written.id}`)
      .set('Authorization', owner.bearer)
      .send({ content: 'Non' })
      .expect(403);
    expect((ownerRefused.body as ApiError).code).toBe('FORBIDDEN');
    for (const attempt of [
      http().patch(`/api/messages/${written.id}`).send({ content: 'Vu !' }),
      http().delete(`/api/messages/${written.id}`),
    ]) {
      expect(((await attempt.set('Authorization', client.bearer).expect(404)).body as ApiError).code).toBe('NOT_FOUND');
    }
    const ownerSeesDeletion = nextEvent(ownerSocket, SOCKET_EVENTS.messageUpdated, (message) => !!message.deletedAt);
    await http().delete(`/api/messages/${written.id}`).set('Authorization', staff.bearer).expect(200);
    await ownerSeesDeletion;

    // What the client sees next proves the socket was delivering all along: a message, and a typing.
    const clientGetsReply = nextEvent(clientSocket, SOCKET_EVENTS.newMessage);
    // Listened for before the send: the summary may come before the message's own event is awaited.
    const clientGetsSummary = nextEvent(
      clientSocket,
      SOCKET_EVENTS.conversationUpdated,
      (event) => event.conversation.lastMessage?.content === 'Le devis part ce soir.',
    );
    const reply = await send(owner, client.user.id, 'Le devis part ce soir.');
    expect((await clientGetsReply).id).toBe(reply.id);
    const clientSeesTyping = nextEvent(clientSocket, SOCKET_EVENTS.typing);
    await emitWithAck(staffSocket, SOCKET_EVENTS.typing, { recipientId: client.user.id, isTyping: false });
    await clientSeesTyping;
    await clientGetsSummary;

    expect(clientTyping).toEqual([{ conversationId: question.conversationId, userId: staff.user.id, isTyping: false }]);
    expect(clientEvents.map(({ name }) => name)).not.toContain(SOCKET_EVENTS.messagesRead);
    expect(clientEvents.map(({ name }) => name)).not.toContain(SOCKET_EVENTS.messageUpdated);
    expect(mentions(clientEvents, written.id, 'Client pressé')).toBe(false);
    expect((await conversationWith(client, garageId)).otherLastReadMessageId).toBe(answer.id);
  });

  it('leaves notes out of every page, preview, count and attachment the client reads', async () => {
    const garageId = owner.user.garageId as string;
    const other = await registerActor(api.baseUrl, 'client', 'Bruno');
    // A client cannot write a note, nor a member one about a client who never wrote: no conversation opens.
    for (const [author, recipientId] of [
      [other, garageId],
      [staff, other.user.id],
    ] as const) {
      const refused = await http()
        .post('/api/messages')
        .set('Authorization', author.bearer)
        .send({ recipientId, content: 'Note sur Bruno', note: true })
        .expect(403);
      expect((refused.body as ApiError).code).toBe('FORBIDDEN');
    }
    expect(await conversationWith(other, garageId)).toBeUndefined();

    const question = await send(other, garageId, 'Avez-vous reçu ma photo ?');
    const answer = await send(owner, other.user.id, 'Oui, merci.');
    await markRead(owner, other.user.id);
    await markRead(other, garageId);
    const unreadBefore = await unreadTotal(other);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#27ae60' } })
      .png()
      .toBuffer();
    const upload = (
      await http()
        .post('/api/attachments')
        .set('Authorization', staff.bearer)
        .attach('file', photo, { filename: 'rayure.png', contentType: 'image/png' })
        .expect(201)
    ).body as UploadedAttachmentView;
    const written = await send(staff, other.user.id, 'Rayure déjà là à l’arrivée', {
      note: true,
      attachmentIds: [upload.id],
    });
    const [attachment] = written.attachments ?? [];
    expect(attachment).toBeDefined();

    // The members read it in the history and the preview; it is nobody's unread message.
    for (const member of [owner, staff]) {
      expect((await history(member, other.user.id)).map(({ id }) => id)).toEqual([question.id, answer.id, written.id]);
      expect((await conversationWith(member, other.user.id)).lastMessage).toMatchObject({ id: written.id, note: true });
    }
    expect((await conversationWith(owner, other.user.id)).unreadCount).toBe(0);
    await http().get(attachment.url).set('Authorization', owner.bearer).expect(200);

    // The client: not in the newest page, nor after their last message (a catch-up), nor in the preview or counts.
    expect((await history(other, garageId)).map(({ id }) => id)).toEqual([question.id, answer.id]);
    expect(await history(other, garageId, `?after=${answer.id}`)).toEqual([]);
    expect(await history(other, owner.user.id, `?before=${'f'.repeat(24)}`)).toHaveLength(2);
    const seen = await conversationWith(other, garageId);
    expect(seen).toMatchObject({ lastMessage: { id: answer.id }, unreadCount: 0, otherLastReadMessageId: answer.id });
    expect(seen.lastMessage?.note).toBeUndefined();
    expect(await unreadTotal(other)).toBe(unreadBefore);
    // The note's file answers the client like a missing one, even with its signed link.
    for (const url of [attachment.url, attachment.thumbnailUrl].filter((link): link is string => !!link)) {
      expect(((await http().get(url).set('Authorization', other.bearer).expect(404)).body as ApiError).code).toBe(
        'NOT_FOUND',
      );
    }
  });

  it('sends the client no e-mail and no push for a note, as it does for a message', async () => {
    const garageId = owner.user.garageId as string;
    const away = await registerActor(api.baseUrl, 'client', 'Inès');
    const keys = browserKeys();
    await http()
      .post('/api/notifications/push/subscriptions')
      .set('Authorization', away.bearer)
      .send({ endpoint: `${pushService.origin}/ines-phone`, keys: keys.json })
      .expect(204);
    const pushes = () => pushService.received.filter((push) => push.path === '/ines-phone');
    const unreadMails = async () =>
      (await mailsTo(mailpit.apiUrl, away.user.email)).filter((mail) => mail.Subject.startsWith('Nouveau message'));
    await send(away, garageId, 'Bonjour, un rendez-vous jeudi ?');

    await send(staff, away.user.id, 'Note : Inès a déjà annulé deux fois', { note: true });
    await pause(QUIET_MS);
    expect(pushes()).toHaveLength(0);
    expect(await unreadMails()).toHaveLength(0);

    // The same garage's message to her is pushed and e-mailed: the note was left out, not lost on the way.
    await send(staff, away.user.id, 'Jeudi 9 h, cela vous va ?');
    await waitFor(
      async () => pushes().length === 1 && (await unreadMails()).length === 1,
      15_000,
      'a push and an e-mail',
    );
    const payload = JSON.parse(decryptPush(pushes()[0].body, keys)) as PushPayload;
    expect(payload.notification.body).toBe('Jeudi 9 h, cela vous va ?');
    const text = (await mailMessage(mailpit.apiUrl, (await unreadMails())[0].ID)).Text;
    expect(text).toContain('Jeudi 9 h, cela vous va ?');
    expect(text).not.toContain('annulé deux fois');
  });

  it("keeps notes out of the client's data export, and in the member's", async () => {
    const garageId = owner.user.garageId as string;
    const exporter = await registerActor(api.baseUrl, 'client', 'Hugo');
    const question = await send(exporter, garageId, 'Mes données, s’il vous plaît');
    const written = await send(staff, exporter.user.id, 'Note : client exigeant', { note: true });
    const messagesInExport = async (actor: Actor) => {
      await http().post('/api/me/data-exports').set('Authorization', actor.bearer).expect(202);
      const ready = await readyDataExport(api.baseUrl, actor);
      const entries = await unzip(await downloadZip(api.baseUrl, ready.url as string));
      const file = [...entries.keys()].find(
        (path) => path === `conversations/${question.conversationId}.json`,
      ) as string;
      return parsed<DataExportConversationFile>(entries, file).messages.map(({ id }) => id);
    };
    expect(await messagesInExport(exporter)).toEqual([question.id]);
    expect(await messagesInExport(staff)).toEqual([question.id, written.id]);
  });
});
