import { LIMITS, type ConversationView, type MessageView, type Page } from '@promoto/shared-dto';
import { MongoClient, ObjectId } from 'mongodb';
import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { connectSocket, nextEvent, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';
import { testDatabaseName, testServerUri } from './support/test-database';

describe('editing and deleting messages', () => {
  let api: TestApp;
  let client: Actor;
  let garagiste: Actor;
  let garagisteSocket: ChatClient;

  beforeAll(async () => {
    // Recordings linger long enough that every edit and deletion below overtakes its message's own recording.
    api = await createTestApp({ RECORDING_LINGER_MS: '300' });
    [client, garagiste] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'garagiste'),
    ]);
    garagisteSocket = await connectSocket(api.baseUrl, garagiste.accessToken);
  });

  afterAll(async () => {
    garagisteSocket.close();
    await api.close();
    const mongo = await MongoClient.connect(testServerUri());
    await mongo.db(testDatabaseName()).dropDatabase();
    await mongo.close();
  });

  const send = async (content: string) =>
    (
      await request(api.baseUrl)
        .post('/api/messages')
        .set('Authorization', client.bearer)
        .send({ recipientId: garagiste.user.id, content })
        .expect(201)
    ).body as MessageView;

  const garagisteList = async () =>
    (
      (await request(api.baseUrl).get('/api/messages/conversations').set('Authorization', garagiste.bearer).expect(200))
        .body as Page<ConversationView>
    ).items[0];

  it('lets the author edit within the window, live for the other side, and the preview follows', async () => {
    const sent = await send('Je passe à 9 h');
    const updated = nextEvent(garagisteSocket, 'message-updated');
    const preview = nextEvent(
      garagisteSocket,
      'conversation-updated',
      (event) => event.conversation.lastMessage?.content === 'Je passe à 10 h',
    );
    const edited = (
      await request(api.baseUrl)
        .patch(`/api/messages/${sent.id}`)
        .set('Authorization', client.bearer)
        .send({ content: '  Je passe à 10 h  ' })
        .expect(200)
    ).body as MessageView;

    expect(edited).toMatchObject({ id: sent.id, content: 'Je passe à 10 h', createdAt: sent.createdAt });
    expect(edited.editedAt).toBeDefined();
    expect(await updated).toEqual(edited);
    expect((await preview).conversation.unreadCount).toBe(1);
    const history = await request(api.baseUrl)
      .get(`/api/messages/conversation/${client.user.id}`)
      .set('Authorization', garagiste.bearer)
      .expect(200);
    expect(history.body.items.at(-1)).toEqual(edited);
  });

  it('deletes a message in place, live, with the preview saying so', async () => {
    const sent = await send('Message à supprimer');
    const updated = nextEvent(garagisteSocket, 'message-updated');
    const deleted = (
      await request(api.baseUrl).delete(`/api/messages/${sent.id}`).set('Authorization', client.bearer).expect(200)
    ).body as MessageView;

    expect(deleted).toMatchObject({ id: sent.id, content: '' });
    expect(deleted.deletedAt).toBeDefined();
    expect(await updated).toEqual(deleted);
    expect((await garagisteList()).lastMessage).toMatchObject({
      id: sent.id,
      content: '',
      deletedAt: deleted.deletedAt,
    });
    await request(api.baseUrl)
      .patch(`/api/messages/${sent.id}`)
      .set('Authorization', client.bearer)
      .send({ content: 'Revenu' })
      .expect(403);
  });

  it('refuses the other person (403), strangers (404) and edits after the window (409)', async () => {
    const sent = await send('Premier jet');
    const stranger = await registerActor(api.baseUrl, 'client');
    await request(api.baseUrl)
      .patch(`/api/messages/${sent.id}`)
      .set('Authorization', garagiste.bearer)
      .send({ content: 'Pas le mien' })
      .expect(403);
    await request(api.baseUrl).delete(`/api/messages/${sent.id}`).set('Authorization', stranger.bearer).expect(404);
    await request(api.baseUrl)
      .delete(`/api/messages/${new ObjectId().toHexString()}`)
      .set('Authorization', client.bearer)
      .expect(404);

    const mongo = await MongoClient.connect(testServerUri());
    try {
      await mongo
        .db(testDatabaseName())
        .collection('messages')
        .updateOne(
          { _id: new ObjectId(sent.id) },
          { $set: { createdAt: new Date(Date.now() - LIMITS.editWindowMs - 1_000) } },
        );
    } finally {
      await mongo.close();
    }
    const late = await request(api.baseUrl)
      .patch(`/api/messages/${sent.id}`)
      .set('Authorization', client.bearer)
      .send({ content: 'Trop tard' })
      .expect(409);
    expect(late.body.code).toBe('EDIT_WINDOW_PASSED');
  });
});
