import type { ConversationFolder, ConversationUpdatedEvent, ConversationView, Page } from '@promoto/shared-dto';
import request from 'supertest';
import { ConversationFolders } from '../src/messages/conversation-folders';
import { book, registerActor, type Actor } from './support/actors';
import { connectSocket, nextEvent, pause, recordEvents, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

describe('archiving a conversation (garagistes)', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let garagiste: Actor;
  let client: Actor;
  let secondClient: Actor;
  let thirdClient: Actor;
  let stranger: Actor;
  let garagisteTab: ChatClient;
  let garagisteOtherTab: ChatClient;
  let clientTab: ChatClient;
  let clientUpdates: ConversationUpdatedEvent[];

  const list = async (actor: Actor, query: Record<string, string> = {}) =>
    (await api.get('/api/messages/conversations').query(query).set('Authorization', actor.bearer).expect(200))
      .body as Page<ConversationView>;
  const otherIds = async (actor: Actor, folder: ConversationFolder) =>
    (await list(actor, { folder })).items.map((conversation) => conversation.otherUser.id);
  const archive = (actor: Actor, other: Actor) =>
    api.put(`/api/messages/conversation/${other.user.id}/archive`).set('Authorization', actor.bearer);
  const unarchive = (actor: Actor, other: Actor) =>
    api.delete(`/api/messages/conversation/${other.user.id}/archive`).set('Authorization', actor.bearer);
  const send = (from: Actor, to: Actor, content: string) =>
    api.post('/api/messages').set('Authorization', from.bearer).send({ recipientId: to.user.id, content }).expect(201);
  /** The next conversation-updated on `tab` about the conversation with `other`, in the given state. */
  const nextUpdate = (tab: ChatClient, other: Actor, archived: boolean) =>
    nextEvent(
      tab,
      'conversation-updated',
      (event) => event.conversation.otherUser.id === other.user.id && event.conversation.archived === archived,
    );

  beforeAll(async () => {
    testApp = await createTestApp();
    api = request(testApp.baseUrl);
    [garagiste, client, secondClient, thirdClient, stranger] = await Promise.all([
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'client', 'Julien'),
      registerActor(testApp.baseUrl, 'client', 'Inès'),
      registerActor(testApp.baseUrl, 'client', 'Léa'),
    ]);
    [garagisteTab, garagisteOtherTab, clientTab] = await Promise.all([
      connectSocket(testApp.baseUrl, garagiste.accessToken),
      connectSocket(testApp.baseUrl, garagiste.accessToken),
      connectSocket(testApp.baseUrl, client.accessToken),
    ]);
    clientUpdates = recordEvents(clientTab, 'conversation-updated');
    await send(client, garagiste, 'Bonjour, pouvez-vous regarder mes freins ?');
    await send(secondClient, garagiste, 'Bonjour, une vidange possible jeudi ?');
    await send(thirdClient, garagiste, 'Bonjour, mon embrayage patine.');
  });

  afterAll(async () => {
    garagisteTab.disconnect();
    garagisteOtherTab.disconnect();
    clientTab.disconnect();
    await testApp.close();
  });

  it('lists every conversation in the inbox, not archived, until one is archived', async () => {
    const inbox = await list(garagiste);
    expect(inbox.items.map((conversation) => conversation.otherUser.id)).toEqual([
      thirdClient.user.id,
      secondClient.user.id,
      client.user.id,
    ]);
    expect(inbox.items.map((conversation) => conversation.archived)).toEqual([false, false, false]);
    expect(await otherIds(garagiste, 'archived')).toEqual([]);
    expect((await list(client)).items.map((conversation) => conversation.archived)).toEqual([false]);
  });

  it('archives: gone from my inbox, in my archived folder, moved in my other tabs, the client unaffected', async () => {
    const clientUpdatesBefore = clientUpdates.length;
    const otherTabMoved = nextUpdate(garagisteOtherTab, client, true);

    const response = await archive(garagiste, client).expect(200);
    const view = response.body as ConversationView;
    expect(view).toMatchObject({ otherUser: { id: client.user.id, name: 'Camille' }, archived: true, unreadCount: 1 });

    const event = await otherTabMoved;
    expect(event.conversation).toEqual(view);
    expect(event).not.toHaveProperty('unreadTotal');

    expect(await otherIds(garagiste, 'inbox')).toEqual([thirdClient.user.id, secondClient.user.id]);
    expect(await otherIds(garagiste, 'archived')).toEqual([client.user.id]);
    expect((await list(garagiste, { folder: 'archived' })).items[0]).toEqual(view);
    // No folder given: the inbox.
    expect((await list(garagiste)).items.map((conversation) => conversation.otherUser.id)).toEqual([
      thirdClient.user.id,
      secondClient.user.id,
    ]);

    await pause(300);
    expect(clientUpdates.length).toBe(clientUpdatesBefore);
    const clientView = await list(client);
    expect(clientView.items).toHaveLength(1);
    expect(clientView.items[0]).toMatchObject({ otherUser: { id: garagiste.user.garageId }, archived: false });
    expect(await otherIds(client, 'archived')).toEqual([]);
  });

  it('archives again without error or change (idempotent)', async () => {
    const again = (await archive(garagiste, client).expect(200)).body as ConversationView;
    expect(again.archived).toBe(true);
    expect(await otherIds(garagiste, 'archived')).toEqual([client.user.id]);
    expect(await otherIds(garagiste, 'inbox')).toEqual([thirdClient.user.id, secondClient.user.id]);
  });

  it("comes back to the inbox, live, when the client writes; the client's view is never archived", async () => {
    const back = nextUpdate(garagisteTab, client, false);
    const clientSees = nextEvent(
      clientTab,
      'conversation-updated',
      (event) => event.conversation.lastMessage?.content.startsWith('La pièce') === true,
    );
    await send(client, garagiste, 'La pièce est arrivée ?');

    const event = await back;
    expect(event.conversation).toMatchObject({
      otherUser: { id: client.user.id },
      archived: false,
      unreadCount: 2,
      lastMessage: { content: 'La pièce est arrivée ?' },
    });
    expect((await clientSees).conversation.archived).toBe(false);
    expect(await otherIds(garagiste, 'inbox')).toEqual([client.user.id, thirdClient.user.id, secondClient.user.id]);
    expect(await otherIds(garagiste, 'archived')).toEqual([]);
  });

  it('comes back to the inbox when a booking notice arrives', async () => {
    await archive(garagiste, client).expect(200);
    expect(await otherIds(garagiste, 'archived')).toEqual([client.user.id]);

    const back = nextUpdate(garagisteOtherTab, client, false);
    await book(testApp.baseUrl, client, garagiste, 'Freins');
    const event = await back;
    expect(event.conversation.lastMessage?.content).toMatch(/^Rendez-vous demandé — .*, Freins$/);

    expect(await otherIds(garagiste, 'inbox')).toEqual([client.user.id, thirdClient.user.id, secondClient.user.id]);
    expect(await otherIds(garagiste, 'archived')).toEqual([]);
  });

  it('comes back to the inbox when the garagiste writes in it', async () => {
    await archive(garagiste, secondClient).expect(200);
    const back = nextUpdate(garagisteOtherTab, secondClient, false);
    await send(garagiste, secondClient, 'Oui, jeudi à 9 h.');
    expect((await back).conversation.lastMessage?.content).toBe('Oui, jeudi à 9 h.');
    expect(await otherIds(garagiste, 'archived')).toEqual([]);
  });

  it('refuses clients with 403 FORBIDDEN on both routes, and changes nothing', async () => {
    const put = await archive(client, garagiste).expect(403);
    expect(put.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    const del = await unarchive(client, garagiste).expect(403);
    expect(del.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect(await otherIds(client, 'inbox')).toEqual([garagiste.user.garageId]);
    expect(await otherIds(client, 'archived')).toEqual([]);
  });

  it('answers 404 NOT_FOUND for a user I have no conversation with, 400 for an id written otherwise', async () => {
    for (const route of [archive(garagiste, stranger), unarchive(garagiste, stranger)]) {
      const response = await route.expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
    const upperCase = client.user.id.toUpperCase();
    for (const path of [`/api/messages/conversation/${upperCase}/archive`, '/api/messages/conversation/nope/archive']) {
      const response = await api.put(path).set('Authorization', garagiste.bearer).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('refuses a folder that does not exist with 400 VALIDATION_FAILED', async () => {
    for (const folder of ['foo', 'Archived', '']) {
      const response = await api
        .get('/api/messages/conversations')
        .query({ folder })
        .set('Authorization', garagiste.bearer)
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.message).toMatch(/folder must be one of: inbox, archived/);
    }
  });

  it('pages each folder on its own (limit=1)', async () => {
    await archive(garagiste, client).expect(200);
    await archive(garagiste, secondClient).expect(200);

    const pages = async (folder: ConversationFolder) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<ConversationView> = await list(garagiste, {
          folder,
          limit: '1',
          ...(cursor ? { cursor } : {}),
        });
        expect(page.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.items.map((conversation) => conversation.otherUser.id));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await pages('archived')).toEqual([secondClient.user.id, client.user.id]);
    expect(await pages('inbox')).toEqual([thirdClient.user.id]);
  });

  it('puts it back in my inbox with DELETE, idempotent, and tells my other tabs', async () => {
    const otherTabMoved = nextUpdate(garagisteOtherTab, secondClient, false);
    const view = (await unarchive(garagiste, secondClient).expect(200)).body as ConversationView;
    expect(view).toMatchObject({ otherUser: { id: secondClient.user.id }, archived: false });
    expect((await otherTabMoved).conversation).toEqual(view);
    expect(((await unarchive(garagiste, secondClient).expect(200)).body as ConversationView).archived).toBe(false);

    expect(await otherIds(garagiste, 'inbox')).toEqual([secondClient.user.id, thirdClient.user.id]);
    expect(await otherIds(garagiste, 'archived')).toEqual([client.user.id]);
  });

  it('migrates conversations stored before folders to the inbox at start, and drops the replaced indexes', async () => {
    const conversations = testApp.connection.collection('conversations');
    await conversations.updateMany({}, { $unset: { firstFolder: '', secondFolder: '' } });
    // A database from before folders: the migration never ran on it.
    await testApp.connection.collection('migrations').deleteMany({});
    await conversations.createIndex({ firstUser: 1, activity: -1 });
    await conversations.createIndex({ secondUser: 1, activity: -1 });
    expect(await otherIds(garagiste, 'inbox')).toEqual([]);

    // Two replicas starting at once.
    const migration = testApp.app.get(ConversationFolders);
    await Promise.all([migration.onApplicationBootstrap(), migration.onApplicationBootstrap()]);

    expect(await conversations.countDocuments({ firstFolder: 'inbox', secondFolder: 'inbox' })).toBe(3);
    expect(await otherIds(garagiste, 'inbox')).toEqual([secondClient.user.id, client.user.id, thirdClient.user.id]);
    expect(await otherIds(garagiste, 'archived')).toEqual([]);
    const indexes = (await conversations.indexes()).map((index) => index.name);
    expect(indexes).toEqual(
      expect.arrayContaining(['firstUser_1_firstFolder_1_activity_-1', 'secondUser_1_secondFolder_1_activity_-1']),
    );
    expect(indexes).not.toContain('firstUser_1_activity_-1');
    expect(indexes).not.toContain('secondUser_1_activity_-1');

    expect(
      await testApp.connection.collection('migrations').countDocuments({ _id: 'conversation-folders' as never }),
    ).toBe(1);

    await archive(garagiste, thirdClient).expect(200);
    await migration.onApplicationBootstrap();
    expect(await otherIds(garagiste, 'archived')).toEqual([thirdClient.user.id]);

    // Once done, a start does not look again: a side without a folder now is not the migration's.
    await conversations.updateOne({}, { $unset: { firstFolder: '' } });
    await migration.onApplicationBootstrap();
    expect(await conversations.countDocuments({ firstFolder: { $exists: false } })).toBe(1);
  });
});
