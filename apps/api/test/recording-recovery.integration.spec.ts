import type { ConversationView, Page, UnreadCountView } from '@promoto/shared-dto';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import request from 'supertest';
import { registerActor, sendMessage } from './support/actors';
import { eventually } from './support/eventually';
import { testMailpit } from './support/mailpit';
import { startApiProcess, type ApiProcess } from './support/processes';
import { testDatabaseName, testServerUri } from './support/test-database';

/**
 * A process killed (SIGKILL) after acknowledging messages and before their listeners wrote
 * anything: another process, started after it, records them from the messages themselves
 * within seconds (summary, badge, e-mail schedule).
 */
describe('recovery of the listeners after a crash', () => {
  let mongo: MongoClient;
  let db: Db;
  const processes: ApiProcess[] = [];

  const start = async (env: Record<string, string> = {}) => {
    const { smtpUrl } = testMailpit();
    const api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      SMTP_URL: smtpUrl,
      ...env,
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
    await db?.dropDatabase();
    await mongo?.close();
  });

  it('writes the summary, the badge and the e-mail schedule of acknowledged messages again after a SIGKILL', async () => {
    // Its listeners wait a minute before writing: the acknowledged messages are stored, nothing else.
    const doomed = await start({ RECORDING_LINGER_MS: '60000' });
    const [client, garagiste] = await Promise.all([
      registerActor(doomed.baseUrl, 'client'),
      registerActor(doomed.baseUrl, 'garagiste'),
    ]);
    const send = (content: string) => sendMessage(doomed.baseUrl, client, garagiste, content);
    await send('Bonjour, la voiture est prête ?');
    const last = await send('Je passe à 18 h.');

    const garagisteId = new ObjectId(garagiste.user.id);
    const conversationId = new ObjectId(last.conversationId);
    expect(await db.collection('messages').countDocuments({ conversation: conversationId })).toBe(2);
    expect((await db.collection('conversations').findOne({ _id: conversationId }))?.['lastMessage']).toBeUndefined();
    expect((await db.collection('users').findOne({ _id: garagisteId }))?.['unreadBy']).toEqual({});
    expect(await db.collection('notification_emails').countDocuments({ recipient: garagisteId })).toBe(0);

    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const killedAt = Date.now();
    const survivor = await start();

    await eventually(async () => {
      const badge = await request(survivor.baseUrl)
        .get('/api/messages/unread-count')
        .set('Authorization', garagiste.bearer)
        .expect(200);
      expect((badge.body as UnreadCountView).total).toBe(2);
    }, 20_000);
    const recoveredWithin = Date.now() - killedAt;
    const list = (
      await request(survivor.baseUrl)
        .get('/api/messages/conversations')
        .set('Authorization', garagiste.bearer)
        .expect(200)
    ).body as Page<ConversationView>;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ unreadCount: 2, lastMessage: { id: last.id, content: last.content } });
    await eventually(async () => {
      const owed = await db.collection('notification_emails').findOne({ recipient: garagisteId, status: 'pending' });
      expect(owed?.['conversation'].toHexString()).toBe(last.conversationId);
    });
    // Within seconds of the survivor's start (its checkpoint goes stale after 5 s of silence).
    expect(recoveredWithin).toBeLessThan(15_000);
    // Recorded once: a later message counts from there.
    await sendMessage(survivor.baseUrl, client, garagiste, 'Finalement 19 h.');
    const badge = await request(survivor.baseUrl)
      .get('/api/messages/unread-count')
      .set('Authorization', garagiste.bearer)
      .expect(200);
    expect((badge.body as UnreadCountView).total).toBe(3);
  });
});
