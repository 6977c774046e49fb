import { ConversationRecorder } from '../src/messages/conversation-recorder';
import { registerActor, sendMessage, type Actor } from './support/actors';
import { commandsOf } from './support/db-commands';
import { pause } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

/** The account caches' lifetime in this file: short, so that the test outlives it. */
const ACCOUNT_CACHE_TTL_MS = 200;

/** What a send reads from the database once its conversation is known, however long ago that was. */
describe('the reads of a send', () => {
  let testApp: TestApp;
  let recorder: ConversationRecorder;

  beforeAll(async () => {
    testApp = await createTestApp({ ACCOUNT_CACHE_TTL_MS: String(ACCOUNT_CACHE_TTL_MS) });
    recorder = testApp.app.get(ConversationRecorder);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('reads neither the pair’s blocks nor the garage’s team again once the account caches expired', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Nina'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
    ]);
    const watched = new Set(['messages', 'conversations', 'users', 'garages', 'blocks', 'opening_hours']);
    const exchange = (first: Actor, second: Actor) =>
      commandsOf(watched, async () => {
        await sendMessage(testApp.baseUrl, first, second, 'Une question');
        await recorder.whenIdle();
        await sendMessage(testApp.baseUrl, second, first, 'Une réponse');
        await recorder.whenIdle();
      });
    // The conversation opens; the pair's blocks, the team and the hours are read once.
    await exchange(client, garagiste);
    await pause(ACCOUNT_CACHE_TTL_MS * 2);

    // Changes to those are told to every replica at once: what this one read is still exact. Only
    // the senders' accounts are read again (a deleted or suspended account stops working within
    // ACCOUNT_CACHE_TTL_MS), then per message its insert, its conversation's summary written and
    // read back, and the recipient's badge.
    expect(await exchange(client, garagiste)).toEqual([
      'conversations.bulkWrite(1)',
      'conversations.bulkWrite(1)',
      'conversations.find(_id)',
      'conversations.find(_id)',
      'garages.bulkWrite(1)',
      'messages.insertMany(1)',
      'messages.insertMany(1)',
      'users.bulkWrite(1)',
      'users.findOne(_id)',
      'users.findOne(_id)',
    ]);
  });
});
