import { Types } from 'mongoose';
import type { Conversation } from '../src/messages/conversation.schema';
import { ConversationsService } from '../src/messages/conversations.service';
import { storedMessage } from '../src/messages/testing/stored-messages';
import { book, registerActor, type Actor } from './support/actors';
import { createTestApp, type TestApp } from './support/test-app';

/** Ids as hex and dates as ISO strings, so that documents from the driver and from code compare by value. */
const plain = (document: unknown) => JSON.parse(JSON.stringify(document)) as unknown;

describe('recording a batch: the conversation the code works out is the one the database stored', () => {
  let testApp: TestApp;
  let conversations: ConversationsService;
  let client: Actor;
  let garagiste: Actor;
  let conversationId: Types.ObjectId;

  const messageAt = (who: Actor, minutesAgo: number, kind?: 'booking-event') => {
    const other = who === client ? garagiste : client;
    return storedMessage(
      new Types.ObjectId(who.user.id),
      new Types.ObjectId(other.user.id),
      new Date(Date.now() - minutesAgo * 60_000),
      { conversation: conversationId, ...(kind ? { kind } : {}) },
    );
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    conversations = testApp.app.get(ConversationsService);
    [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    await book(testApp.baseUrl, client, garagiste);
    const found = await conversations.findBetween(client.user.id, garagiste.user.id);
    conversationId = (found as Conversation)._id;
  });

  afterAll(() => testApp.close());

  it.each([
    ['the client alone', () => [messageAt(client, 50), messageAt(client, 49)]],
    ['the client again: the older unanswered message stays ($min)', () => [messageAt(client, 48)]],
    ['a late message older than the preview ($max keeps the newer)', () => [messageAt(client, 120)]],
    ['a booking notice, which neither asks nor answers', () => [messageAt(garagiste, 47, 'booking-event')]],
    ['the garagiste answers, then the client writes again', () => [messageAt(garagiste, 40), messageAt(client, 39)]],
    ['the garagiste alone', () => [messageAt(garagiste, 30), messageAt(garagiste, 29)]],
    ['both, the client last', () => [messageAt(client, 20), messageAt(garagiste, 19), messageAt(client, 18)]],
  ])('%s', async (_, batch) => {
    const { before, after } = await conversations.recordMessages(conversationId, batch());
    const stored = await testApp.connection.collection('conversations').findOne({ _id: conversationId });
    expect(plain(stored)).toEqual(plain(after));
    expect(plain(after)).not.toEqual(plain(before));
  });
});
