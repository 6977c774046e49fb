import type { ApiError, MessageView, UploadedAttachmentView } from '@promoto/shared-dto';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { startApiProcess, type ApiProcess } from './support/processes';
import { connectSocket, emitWithAck, type ChatClient } from './support/sockets';
import { testDatabaseName, testServerUri } from './support/test-database';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/**
 * Issue 23, item 5: a clientMessageId replayed to another recipient changes nothing (the first
 * recipient keeps the message and its file, the second gets no conversation) and is refused.
 * The built API runs, as the attachments need (file-type is ESM-only, which Jest cannot load).
 */
describe('a send replayed to another recipient', () => {
  let api: ApiProcess;
  let mongo: MongoClient;
  let db: Db;
  let client: Actor;
  let first: Actor;
  let second: Actor;
  let socket: ChatClient;

  beforeAll(async () => {
    api = await startApiProcess({ MONGODB_URI: testServerUri(), MONGODB_DB: testDatabaseName() });
    mongo = await MongoClient.connect(testServerUri());
    db = mongo.db(testDatabaseName());
    [client, first, second] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'garagiste'),
      registerActor(api.baseUrl, 'garagiste'),
    ]);
    socket = await connectSocket(api.baseUrl, client.accessToken);
  });

  afterAll(async () => {
    socket?.close();
    api?.child.kill('SIGKILL');
    await db?.dropDatabase();
    await mongo?.close();
  });

  const devis = async () =>
    (
      await request(api.baseUrl)
        .post('/api/attachments')
        .set('Authorization', client.bearer)
        .attach('file', PDF, { filename: 'devis.pdf', contentType: 'application/pdf' })
        .expect(201)
    ).body as UploadedAttachmentView;

  /** What a replay must leave as it was: the file's link for the first recipient, the second's absence. */
  const expectUnchanged = async (sent: MessageView) => {
    const [attachment] = sent.attachments ?? [];
    await request(api.baseUrl).get(attachment.url).set('Authorization', first.bearer).expect(200);
    const stored = await db.collection('attachments').findOne({ _id: new ObjectId(attachment.id) });
    // Written to the first garagiste's garage, the second's had nothing.
    expect(stored?.['recipient'].toHexString()).toBe(first.user.garageId);
    expect(await db.collection('messages').countDocuments({ recipient: new ObjectId(second.user.garageId) })).toBe(0);
    const secondsList = await request(api.baseUrl)
      .get('/api/messages/conversations')
      .set('Authorization', second.bearer);
    expect(secondsList.body.items).toEqual([]);
    // No conversation was opened: the second garagiste still may not write to the client cold.
    await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', second.bearer)
      .send({ recipientId: client.user.id, content: 'Bonjour' })
      .expect(403);
  };

  it('over REST: 409 CONFLICT, and nothing changes', async () => {
    const file = await devis();
    const body = { content: 'Voici le devis', clientMessageId: 'rest-replay-1', attachmentIds: [file.id] };
    const sent = (
      await request(api.baseUrl)
        .post('/api/messages')
        .set('Authorization', client.bearer)
        .send({ ...body, recipientId: first.user.id })
        .expect(201)
    ).body as MessageView;

    const replay = await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .send({ ...body, recipientId: second.user.id })
      .expect(409);
    expect(replay.body).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
    await expectUnchanged(sent);

    // The same replay to the same recipient is still answered with the stored message.
    const again = await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .send({ ...body, recipientId: first.user.id })
      .expect(201);
    expect(again.body.id).toBe(sent.id);
  });

  it('over Socket.IO: a failed ack CONFLICT, and nothing changes', async () => {
    const file = await devis();
    const payload = { content: 'Le devis', clientMessageId: 'socket-replay-1', attachmentIds: [file.id] };
    const ack = await emitWithAck(socket, 'send-message', { ...payload, recipientId: first.user.id });
    if (!ack.ok) throw new Error(ack.error.message);

    const replay = await emitWithAck(socket, 'send-message', { ...payload, recipientId: second.user.id });
    expect(replay.ok).toBe(false);
    expect((replay as { error: ApiError }).error.code).toBe('CONFLICT');
    await expectUnchanged((ack as unknown as { message: MessageView }).message);
  });
});
