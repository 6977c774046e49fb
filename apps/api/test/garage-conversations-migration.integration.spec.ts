import type { ConversationView, MessageView, Page } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import request from 'supertest';
import { GarageConversationsMigration } from '../src/messages/garage-conversations-migration';
import { conversationIdFor } from '../src/messages/conversation-id';
import { registerActor, type Actor } from './support/actors';
import { testMailpit } from './support/mailpit';
import { joinTeam } from './support/team';
import { createTestApp, type TestApp } from './support/test-app';

const MIGRATION_ID = 'garage-conversations';

describe('the migration to conversations between a client and a garage', () => {
  const mailpit = testMailpit();
  let testApp: TestApp;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    testApp = await createTestApp({ SMTP_URL: mailpit.smtpUrl });
    api = request(testApp.baseUrl);
  });

  afterAll(() => testApp.close());

  /**
   * A client's conversations as stored before: one with the garage's founder (three messages, the
   * founder read them all), one with a staff member of the same garage (one unread message with a photo).
   */
  async function storeConversationsFromBefore(client: Actor, founder: Actor, staff: Actor) {
    const db = testApp.connection;
    const [clientId, founderId, staffId] = [client.user.id, founder.user.id, staff.user.id];
    const ids = Array.from({ length: 4 }, () => new Types.ObjectId());
    const withFounder = conversationIdFor(clientId, founderId);
    const withStaff = conversationIdFor(clientId, staffId);
    const at = (index: number) => new Date(Date.now() - (10 - index) * 60_000);
    const message = (index: number, conversation: Types.ObjectId, from: string, to: string, seq: number) => ({
      _id: ids[index],
      conversation,
      sender: new Types.ObjectId(from),
      recipient: new Types.ObjectId(to),
      content: `message ${index + 1}`,
      idempotencyKey: ids[index].toHexString(),
      createdAt: at(index),
      seq,
      seqKey: `${conversation.toHexString()}:${seq}`,
    });
    await db
      .collection('messages')
      .insertMany([
        message(0, withFounder, clientId, founderId, 1),
        message(1, withFounder, founderId, clientId, 2),
        message(2, withStaff, clientId, staffId, 1),
        message(3, withFounder, clientId, founderId, 3),
      ]);
    const side = (name: string, role: string, received: number, read: number, lastRead?: Types.ObjectId) => ({
      name,
      role,
      ...(role === 'garagiste' ? { garageName: 'Garage Dupont' } : {}),
      receivedCount: received,
      readCount: read,
      ...(lastRead ? { lastReadMessageId: lastRead, lastReadAt: new Date() } : {}),
    });
    const pair = (a: string, b: string) => (a < b ? [a, b] : [b, a]).map((id) => new Types.ObjectId(id));
    const conversation = (
      _id: Types.ObjectId,
      garagisteId: string,
      members: Record<string, unknown>,
      last: number,
      seq: number,
    ) => {
      const [firstUser, secondUser] = pair(clientId, garagisteId);
      return {
        _id,
        firstUser,
        secondUser,
        firstFolder: 'inbox',
        secondFolder: 'inbox',
        activity: ids[last],
        members,
        lastMessage: {
          id: ids[last],
          senderId: new Types.ObjectId(clientId),
          content: `message ${last + 1}`,
          createdAt: at(last),
        },
        recorded: { seq, id: ids[last] },
        createdAt: at(0),
        updatedAt: at(last),
      };
    };
    await db
      .collection('conversations')
      .insertMany([
        conversation(
          withFounder,
          founderId,
          { [clientId]: side('Camille', 'client', 1, 1, ids[1]), [founderId]: side('Marc', 'garagiste', 2, 2, ids[3]) },
          3,
          3,
        ),
        conversation(
          withStaff,
          staffId,
          { [clientId]: side('Camille', 'client', 0, 0), [staffId]: side('Léa', 'garagiste', 1, 0) },
          2,
          1,
        ),
      ]);
    await db
      .collection('users')
      .updateOne({ _id: new Types.ObjectId(staffId) }, { $set: { [`unreadBy.${withStaff.toHexString()}`]: 1 } });
    await db.collection('attachments').insertOne({
      owner: new Types.ObjectId(clientId),
      name: 'photo.jpg',
      kind: 'image',
      mimeType: 'image/jpeg',
      size: 10,
      fileKey: 'migration-test',
      sentWith: ids[2].toHexString(),
      recipient: new Types.ObjectId(staffId),
      message: ids[2],
      createdAt: new Date(),
    });
    await db
      .collection('garage_responsiveness')
      .insertOne({ _id: new Types.ObjectId(founderId), slots: { s1: { day: 1 } } } as never);
    return { ids, withFounder, withStaff };
  }

  it("moves a client's conversations with a garage's garagistes into one with the garage, once, with two replicas starting at once", async () => {
    const [founder, client] = await Promise.all([
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
      registerActor(testApp.baseUrl, 'client', 'Camille'),
    ]);
    const staff = await joinTeam(testApp.baseUrl, founder, 'Léa');
    const garageId = founder.user.garageId as string;
    const { ids, withFounder, withStaff } = await storeConversationsFromBefore(client, founder, staff);
    const migrations = testApp.connection.collection('migrations');
    await migrations.deleteMany({ _id: MIGRATION_ID as never });

    const migration = testApp.app.get(GarageConversationsMigration);
    await Promise.all([migration.onApplicationBootstrap(), migration.onApplicationBootstrap()]);

    const target = conversationIdFor(client.user.id, garageId);
    const conversations = testApp.connection.collection('conversations');
    expect(await conversations.countDocuments({ _id: { $in: [withFounder, withStaff] } })).toBe(0);
    const moved = await testApp.connection
      .collection('messages')
      .find({ conversation: target })
      .sort({ _id: 1 })
      .toArray();
    expect(moved.map((message) => [message['_id'].toHexString(), message['seq'], message['seqKey']])).toEqual(
      ids.map((id, index) => [id.toHexString(), index + 1, `${target.toHexString()}:${index + 1}`]),
    );
    expect(moved.map((message) => message['recipient'].toHexString())).toEqual([
      garageId,
      client.user.id,
      garageId,
      garageId,
    ]);
    expect(moved[1]['senderName']).toBe('Marc');

    // Marc had read his conversation; Léa had not read hers, nor ever seen Marc's.
    const get = async <T>(actor: Actor, path: string) =>
      (await api.get(path).set('Authorization', actor.bearer).expect(200)).body as T;
    const unread = async (actor: Actor) => (await get<{ total: number }>(actor, '/api/messages/unread-count')).total;
    const [marcList, leaList, clientList] = await Promise.all(
      [founder, staff, client].map((actor) => get<Page<ConversationView>>(actor, '/api/messages/conversations')),
    );
    expect(marcList.items.map((item) => [item.id, item.otherUser.id, item.unreadCount])).toEqual([
      [target.toHexString(), client.user.id, 1],
    ]);
    expect(leaList.items.map((item) => item.unreadCount)).toEqual([3]);
    expect(clientList.items.map((item) => [item.otherUser.id, item.unreadCount, item.lastMessage?.id])).toEqual([
      [garageId, 0, ids[3].toHexString()],
    ]);
    expect(await Promise.all([unread(founder), unread(staff), unread(client)])).toEqual([1, 3, 0]);
    const history = await get<Page<MessageView>>(client, `/api/messages/conversation/${staff.user.id}`);
    expect(history.items.map((message) => message.id)).toEqual(ids.map((id) => id.toHexString()));

    const attachment = await testApp.connection.collection('attachments').findOne({ message: ids[2] });
    expect(attachment?.['recipient'].toHexString()).toBe(garageId);
    const replyCounts = testApp.connection.collection('garage_responsiveness');
    expect(await replyCounts.countDocuments({ _id: new Types.ObjectId(garageId) } as never)).toBe(1);
    expect(await replyCounts.countDocuments({ _id: new Types.ObjectId(founder.user.id) } as never)).toBe(0);
    expect(await migrations.countDocuments({ _id: MIGRATION_ID as never })).toBe(1);

    // The conversation goes on where it was: the next message is the fifth.
    const next = (
      await api
        .post('/api/messages')
        .set('Authorization', client.bearer)
        .send({ recipientId: founder.user.id, content: 'Et ensuite ?' })
        .expect(201)
    ).body as MessageView;
    expect(next.conversationId).toBe(target.toHexString());
    expect(
      (await testApp.connection.collection('messages').findOne({ _id: new Types.ObjectId(next.id) }))?.['seq'],
    ).toBe(5);
  });
});
