import { SOCKET_EVENTS, type ApiError, type ConversationView, type Page } from '@promoto/shared-dto';
import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { mailsTo, testMailpit } from './support/mailpit';
import { waitFor, type ApiProcess } from './support/processes';
import { QUIET_MS, startNotifyingApi, type NotifyingApi } from './support/notifying-api';
import { browserKeys, type FakePushService } from './support/push-service';
import { connectSocket, nextEvent, pause } from './support/sockets';
import { joinTeam } from './support/team';

/**
 * Assigning a garage's conversation to a member (« Assigner à… ») over real HTTP and Socket.IO
 * against the built API, with its e-mails in Mailpit and its pushes to a stand-in push service:
 * who may assign to whom, the inbox filters, the live event, where unread e-mails and pushes go,
 * and a removed member's assignments.
 */
describe('assigning conversations', () => {
  const mailpit = testMailpit();
  let running: NotifyingApi;
  let api: ApiProcess;
  let pushService: FakePushService;
  let owner: Actor;
  let lea: Actor;
  let theo: Actor;

  beforeAll(async () => {
    running = await startNotifyingApi(mailpit.smtpUrl);
    ({ api, pushService } = running);
    owner = await registerActor(api.baseUrl, 'garagiste', 'Marc');
    lea = await joinTeam(api.baseUrl, owner, 'Léa');
    theo = await joinTeam(api.baseUrl, owner, 'Théo');
  }, 60_000);

  afterAll(() => running?.stop());

  const http = () => request(api.baseUrl);
  const send = (from: Actor, recipientId: string, content: string) =>
    http().post('/api/messages').set('Authorization', from.bearer).send({ recipientId, content }).expect(201);
  const assign = (by: Actor, clientId: string, assigneeId: string | null) =>
    http().put(`/api/messages/conversation/${clientId}/assignee`).set('Authorization', by.bearer).send({ assigneeId });
  const listed = async (member: Actor, assigned?: 'me' | 'none') =>
    (
      (
        await http()
          .get(`/api/messages/conversations${assigned ? `?assigned=${assigned}` : ''}`)
          .set('Authorization', member.bearer)
          .expect(200)
      ).body as Page<ConversationView>
    ).items.map((conversation) => conversation.otherUser.name);

  it('lets any member assign to a current member, reassign and unassign, filters « À moi » and « Non assignées » (a new conversation in the latter), and tells every member live', async () => {
    const garageId = owner.user.garageId as string;
    const [camille, bruno, nina] = await Promise.all([
      registerActor(api.baseUrl, 'client', 'Camille'),
      registerActor(api.baseUrl, 'client', 'Bruno'),
      registerActor(api.baseUrl, 'client', 'Nina'),
    ]);
    for (const client of [camille, bruno, nina]) await send(client, garageId, `Bonjour, ici ${client.user.name}`);

    const marcSocket = await connectSocket(api.baseUrl, owner.accessToken);
    try {
      const marcTold = nextEvent(
        marcSocket,
        SOCKET_EVENTS.conversationUpdated,
        (event) => event.conversation.assignee?.id === lea.user.id,
      );
      // Théo, a staff member, assigns Camille's conversation to Léa.
      const assigned = (await assign(theo, camille.user.id, lea.user.id).expect(200)).body as ConversationView;
      expect(assigned).toMatchObject({
        otherUser: { id: camille.user.id },
        assignee: { id: lea.user.id, name: 'Léa' },
      });
      expect((await marcTold).conversation.otherUser.id).toBe(camille.user.id);
    } finally {
      marcSocket.close();
    }
    await assign(lea, bruno.user.id, owner.user.id).expect(200);

    // The newest first, as the inbox lists them, on the same cursor pages.
    expect(await listed(lea, 'me')).toEqual(['Camille']);
    expect(await listed(owner, 'me')).toEqual(['Bruno']);
    expect(await listed(theo, 'me')).toEqual([]);
    expect(await listed(theo, 'none')).toEqual(['Nina']);
    expect(await listed(theo)).toEqual(['Nina', 'Bruno', 'Camille']);
    const firstPage = (
      await http()
        .get('/api/messages/conversations?assigned=none&limit=1')
        .set('Authorization', theo.bearer)
        .expect(200)
    ).body as Page<ConversationView>;
    expect(firstPage.items.map((conversation) => conversation.otherUser.name)).toEqual(['Nina']);
    expect(firstPage.nextCursor).toBeNull();

    // Reassigned: it leaves Léa's « À moi » for Théo's.
    await assign(owner, camille.user.id, theo.user.id).expect(200);
    expect(await listed(lea, 'me')).toEqual([]);
    expect(await listed(theo, 'me')).toEqual(['Camille']);
    expect(await listed(theo, 'none')).toEqual(['Nina']);

    // A new conversation is nobody's until assigned.
    const olga = await registerActor(api.baseUrl, 'client', 'Olga');
    await send(olga, garageId, 'Bonjour, première fois chez vous');
    expect(await listed(lea, 'none')).toEqual(['Olga', 'Nina']);
    expect(await listed(lea)).toEqual(['Olga', 'Nina', 'Bruno', 'Camille']);

    // Unassigned again; the client never sees who is assigned, nor filters.
    await assign(owner, bruno.user.id, null).expect(200);
    expect(await listed(owner, 'me')).toEqual([]);
    expect(await listed(owner, 'none')).toEqual(['Olga', 'Nina', 'Bruno']);
    const camillesView = (
      (await http().get('/api/messages/conversations').set('Authorization', camille.bearer).expect(200))
        .body as Page<ConversationView>
    ).items[0];
    expect(camillesView.assignee).toBeUndefined();
    const refusals = [
      await http().get('/api/messages/conversations?assigned=me').set('Authorization', camille.bearer),
      await assign(camille, owner.user.id, owner.user.id),
      await assign(owner, camille.user.id, camille.user.id),
      await assign(owner, camille.user.id, (await registerActor(api.baseUrl, 'garagiste')).user.id),
      await http().get('/api/messages/conversations?assigned=them').set('Authorization', owner.bearer),
    ];
    expect(refusals.map(({ status, body }) => [status, (body as ApiError).code])).toEqual([
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
      [404, 'NOT_FOUND'],
      [404, 'NOT_FOUND'],
      [400, 'VALIDATION_FAILED'],
    ]);
  });

  it('sends the unread e-mail and push to the assignee alone, and to every member when nobody is assigned', async () => {
    const garageId = owner.user.garageId as string;
    const client = await registerActor(api.baseUrl, 'client', 'Inès');
    const keys = browserKeys();
    for (const member of [owner, lea, theo]) {
      await http()
        .post('/api/notifications/push/subscriptions')
        .set('Authorization', member.bearer)
        .send({ endpoint: `${pushService.origin}/assign-${member.user.id}`, keys: keys.json })
        .expect(204);
    }
    const pushesTo = (member: Actor) =>
      pushService.received.filter((push) => push.path === `/assign-${member.user.id}`).length;
    // This client's only: the first test's conversations are e-mailed to the members meanwhile.
    const unreadMails = async (member: Actor) =>
      (await mailsTo(mailpit.apiUrl, member.user.email)).filter(
        (mail) => mail.Subject === 'Nouveau message de Inès sur Promoto',
      ).length;
    const before = await Promise.all(
      [owner, lea, theo].map(async (member) => [pushesTo(member), await unreadMails(member)]),
    );

    await send(client, garageId, 'Première question');
    await waitFor(
      async () =>
        (
          await Promise.all(
            [owner, lea, theo].map(
              async (member, index) =>
                pushesTo(member) > before[index][0] && (await unreadMails(member)) > before[index][1],
            ),
          )
        ).every(Boolean),
      15_000,
      'a push and an e-mail to every member',
    );
    for (const member of [owner, lea, theo])
      await http()
        .put('/api/messages/read')
        .set('Authorization', member.bearer)
        .send({ userId: client.user.id })
        .expect(200);

    await assign(owner, client.user.id, lea.user.id).expect(200);
    const counted = await Promise.all(
      [owner, lea, theo].map(async (member) => [pushesTo(member), await unreadMails(member)]),
    );
    await send(client, garageId, 'Deuxième question, pour Léa');
    await waitFor(
      async () => pushesTo(lea) > counted[1][0] && (await unreadMails(lea)) > counted[1][1],
      15_000,
      'a push and an e-mail to Léa',
    );
    await pause(QUIET_MS);
    for (const [index, member] of [owner, theo].entries()) {
      const [pushes, mails] = counted[index === 0 ? 0 : 2];
      expect([pushesTo(member), await unreadMails(member)]).toEqual([pushes, mails]);
    }
  });

  it("unassigns a removed member's conversations, and the other members' open pages see it live", async () => {
    const garageId = owner.user.garageId as string;
    const leaving = await joinTeam(api.baseUrl, owner, 'Hugo');
    const client = await registerActor(api.baseUrl, 'client', 'Yann');
    await send(client, garageId, 'Bonjour Hugo');
    await assign(owner, client.user.id, leaving.user.id).expect(200);

    const leaSocket = await connectSocket(api.baseUrl, lea.accessToken);
    try {
      const leaTold = nextEvent(
        leaSocket,
        SOCKET_EVENTS.conversationUpdated,
        (event) => event.conversation.otherUser.id === client.user.id && event.conversation.assignee === undefined,
        15_000,
      );
      await http().delete(`/api/team/members/${leaving.user.id}`).set('Authorization', owner.bearer).expect(204);
      expect((await leaTold).conversation).toMatchObject({ otherUser: { id: client.user.id }, unreadCount: 1 });
    } finally {
      leaSocket.close();
    }

    const conversation = (
      (await http().get('/api/messages/conversations').set('Authorization', owner.bearer).expect(200))
        .body as Page<ConversationView>
    ).items.find((item) => item.otherUser.id === client.user.id);
    expect(conversation?.assignee).toBeUndefined();
    expect(await listed(owner, 'none')).toContain('Yann');
    const refused = await assign(owner, client.user.id, leaving.user.id).expect(404);
    expect((refused.body as ApiError).code).toBe('NOT_FOUND');
  });
});
