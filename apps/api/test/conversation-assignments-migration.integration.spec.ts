import type { ConversationView, Page } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import request from 'supertest';
import { ConversationAssignmentsMigration } from '../src/messages/conversation-assignments-migration';
import { conversationIdFor } from '../src/messages/conversation-id';
import { registerActor, type Actor } from './support/actors';
import { testMailpit } from './support/mailpit';
import { joinTeam } from './support/team';
import { createTestApp, type TestApp } from './support/test-app';

const MIGRATION_ID = 'conversation-assignments';

describe("the migration to the assignment filters' key", () => {
  const mailpit = testMailpit();
  let testApp: TestApp;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    testApp = await createTestApp({ SMTP_URL: mailpit.smtpUrl, THROTTLE_AUTH_PER_MINUTE: '1000' });
    api = request(testApp.baseUrl);
  });

  afterAll(() => testApp.close());

  const listed = async (member: Actor, assigned: 'me' | 'none') =>
    (
      (
        await api
          .get(`/api/messages/conversations?assigned=${assigned}`)
          .set('Authorization', member.bearer)
          .expect(200)
      ).body as Page<ConversationView>
    ).items.map((conversation) => conversation.otherUser.name);

  it('gives conversations stored without it, or with another, the key of their assignee, once, with two replicas starting at once', async () => {
    const owner = await registerActor(testApp.baseUrl, 'garagiste', 'Marc');
    const lea = await joinTeam(testApp.baseUrl, owner, 'Léa');
    const garageId = owner.user.garageId as string;
    const clients = await Promise.all(
      ['Camille', 'Bruno', 'Nina'].map((name) => registerActor(testApp.baseUrl, 'client', name)),
    );
    for (const client of clients) {
      await api
        .post('/api/messages')
        .set('Authorization', client.bearer)
        .send({ recipientId: garageId, content: `Bonjour, ici ${client.user.name}` })
        .expect(201);
    }
    const [camille, bruno, nina] = clients;
    for (const [client, assignee] of [
      [camille, lea],
      [bruno, owner],
    ]) {
      await api
        .put(`/api/messages/conversation/${client.user.id}/assignee`)
        .set('Authorization', owner.bearer)
        .send({ assigneeId: assignee.user.id })
        .expect(200);
    }

    // The conversations and indexes as they were stored before the key, but Nina's, whose key a
    // replica of the version before kept when it unassigned her conversation from Léa.
    const conversations = testApp.connection.collection('conversations');
    const migrations = testApp.connection.collection('migrations');
    await conversations.updateMany({}, { $unset: { assignment: '' } });
    await conversations.updateOne(
      { _id: conversationIdFor(nina.user.id, garageId) },
      { $set: { assignment: lea.user.id } },
    );
    await conversations.createIndex({ firstUser: 1, firstFolder: 1, assignee: 1, activity: -1 });
    await conversations.createIndex({ secondUser: 1, secondFolder: 1, assignee: 1, activity: -1 });
    await migrations.deleteMany({ _id: MIGRATION_ID as never });
    // Other garages' assigned conversations, more than the driver's first batch, so that the
    // migration writes while it still reads.
    const others = Array.from({ length: 130 }, (_, index) => {
      const [firstUser, secondUser] = [new Types.ObjectId(), new Types.ObjectId()];
      return {
        _id: new Types.ObjectId(),
        firstUser,
        secondUser,
        firstFolder: 'inbox',
        secondFolder: 'inbox',
        activity: new Types.ObjectId(),
        members: {},
        ...(index % 3 === 0 ? {} : { assignee: new Types.ObjectId(), assigneeName: 'Quelqu’un' }),
      };
    });
    await conversations.insertMany(others);
    expect(await listed(lea, 'me')).toEqual(['Nina']);
    expect(await listed(lea, 'none')).toEqual([]);

    const migration = testApp.app.get(ConversationAssignmentsMigration);
    await Promise.all([migration.onApplicationBootstrap(), migration.onApplicationBootstrap()]);

    const stored = await conversations.find({}).project({ assignee: 1, assignment: 1 }).toArray();
    expect(stored).toHaveLength(3 + others.length);
    for (const conversation of stored) {
      expect(conversation['assignment']).toBe(conversation['assignee']?.toHexString() ?? 'none');
    }
    expect(await listed(lea, 'me')).toEqual(['Camille']);
    expect(await listed(owner, 'me')).toEqual(['Bruno']);
    expect(await listed(lea, 'none')).toEqual(['Nina']);
    const indexes = (await conversations.indexes()).map((index) => index.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'firstUser_1_firstFolder_1_assignment_1_activity_-1',
        'secondUser_1_secondFolder_1_assignment_1_activity_-1',
      ]),
    );
    expect(indexes.filter((name) => name?.includes('assignee'))).toEqual([]);
    expect(await migrations.countDocuments({ _id: MIGRATION_ID as never })).toBe(1);

    // Once done, a start does not look again.
    await conversations.updateOne({ assignee: { $exists: false } }, { $unset: { assignment: '' } });
    await migration.onApplicationBootstrap();
    expect(await conversations.countDocuments({ assignment: { $exists: false } })).toBe(1);
  });
});
