import type { AttachmentView, MessageView, UploadedAttachmentView } from '@promoto/shared-dto';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { resolve } from 'node:path';
import request from 'supertest';
import { book, registerActor, sendMessage, type Actor } from './support/actors';
import { startApiProcess, waitFor, type ApiProcess } from './support/processes';
import { testDatabaseName, testServerUri } from './support/test-database';

const skewedClock = resolve(__dirname, 'support/skewed-clock.cjs');
const DAY_MS = 86_400_000;

/**
 * CONVERSATION_RETENTION_DAYS against built API processes and the real (embedded) database: a
 * replica whose clock reads 40 days later, with a retention of 30 days, purges the conversation
 * that has had no activity since, with its messages, files (a quote's PDF too) and unread counts, and keeps the one
 * that had.
 */
describe('conversation retention', () => {
  let mongo: MongoClient;
  let db: Db;
  const processes: ApiProcess[] = [];

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

  const startApi = async (env: Record<string, string> = {}) => {
    const api = await startApiProcess({ MONGODB_URI: testServerUri(), MONGODB_DB: testDatabaseName(), ...env });
    processes.push(api);
    return api;
  };

  /** The client's conversation with the garagiste's garage. */
  const conversationOf = (client: Actor, garagiste: Actor) => {
    const [a, b] = [client.user.id, garagiste.user.garageId as string];
    return db.collection('conversations').findOne({
      $or: [
        { firstUser: new ObjectId(a), secondUser: new ObjectId(b) },
        { firstUser: new ObjectId(b), secondUser: new ObjectId(a) },
      ],
    });
  };

  it('purges the conversations inactive past the period, with their messages and files, and keeps the others', async () => {
    const api = await startApi();
    const [client, quiet, busy] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'garagiste'),
      registerActor(api.baseUrl, 'garagiste'),
    ]);
    const files = () => db.collection('attachments.files').countDocuments();
    const photo = (
      await request(api.baseUrl)
        .post('/api/attachments')
        .set('Authorization', quiet.bearer)
        .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'Devis.pdf', contentType: 'application/pdf' })
        .expect(201)
    ).body as UploadedAttachmentView;
    await sendMessage(api.baseUrl, client, quiet, 'Bonjour, un devis ?');
    await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', quiet.bearer)
      .send({ recipientId: client.user.id, content: 'Le voici', attachmentIds: [photo.id] })
      .expect(201);
    // A quote on a booking, whose PDF was written: a file of the API's, about the quote's message.
    const booking = await book(api.baseUrl, client, quiet, 'Freins');
    const quote = (
      await request(api.baseUrl)
        .post('/api/quotes')
        .set('Authorization', quiet.bearer)
        .send({
          appointmentId: booking.id,
          lines: [{ label: 'Plaquettes', kind: 'part', quantityHundredths: 100, unitPriceCents: 8990 }],
        })
        .expect(201)
    ).body as MessageView;
    const pdf = (
      await request(api.baseUrl)
        .get(`/api/quotes/${quote.quote?.quoteId}/document`)
        .set('Authorization', client.bearer)
        .expect(200)
    ).body as AttachmentView;
    await sendMessage(api.baseUrl, client, busy, 'Bonjour, vous êtes ouverts samedi ?');
    const filesBefore = await files();
    const quietConversation = await conversationOf(client, quiet);
    const busyConversation = await conversationOf(client, busy);
    if (!quietConversation || !busyConversation) throw new Error('the conversations were not recorded');
    await waitFor(
      async () =>
        Boolean(
          (await db.collection('users').findOne({ _id: new ObjectId(client.user.id) }))?.['unreadBy']?.[
            quietConversation._id.toHexString()
          ],
        ),
      10_000,
      'the client’s unread count',
    );
    // Its message recorded first: a recording landing after the change below would write its own activity over it.
    await waitFor(
      async () => ((await conversationOf(client, busy))?.['recorded']?.seq ?? 0) >= 1,
      10_000,
      'the busy conversation’s recording',
    );
    // The busy one had activity later than the replica's clock below minus 30 days.
    await db
      .collection('conversations')
      .updateOne(
        { _id: busyConversation._id },
        { $set: { activity: ObjectId.createFromTime(Math.floor((Date.now() + 35 * DAY_MS) / 1000)) } },
      );

    await startApi({
      NODE_OPTIONS: `--require ${skewedClock}`,
      CLOCK_SKEW_MS: String(40 * DAY_MS),
      CONVERSATION_RETENTION_DAYS: '30',
      CONVERSATION_RETENTION_SWEEP_INTERVAL_S: '1',
    });
    await waitFor(async () => (await conversationOf(client, quiet)) === null, 30_000, 'the purge');

    expect(await db.collection('messages').countDocuments({ conversation: quietConversation._id })).toBe(0);
    expect(await db.collection('attachments').countDocuments({ _id: new ObjectId(photo.id) })).toBe(0);
    expect(await db.collection('attachments').countDocuments({ _id: new ObjectId(pdf.id) })).toBe(0);
    expect(await files()).toBe(filesBefore - 2);
    const unreadBy = (await db.collection('users').findOne({ _id: new ObjectId(client.user.id) }))?.['unreadBy'] ?? {};
    expect(Object.keys(unreadBy)).not.toContain(quietConversation._id.toHexString());
    // The other conversation and its message stay, and the client's list shows it alone.
    expect(await conversationOf(client, busy)).not.toBeNull();
    expect(await db.collection('messages').countDocuments({ conversation: busyConversation._id })).toBe(1);
    const list = await request(api.baseUrl)
      .get('/api/messages/conversations')
      .set('Authorization', client.bearer)
      .expect(200);
    expect(
      (list.body as { items: { otherUser: { id: string } }[] }).items.map(({ otherUser }) => otherUser.id),
    ).toEqual([busy.user.garageId]);
  }, 120_000);
});
