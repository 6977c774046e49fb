import { Collection, type BulkWriteOptions } from 'mongodb';
import { Types } from 'mongoose';
import { ConversationRecorder } from '../src/messages/conversation-recorder';
import { registerActor, sendMessage } from './support/actors';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Which writes of a send wait for the journal: the message's insert (its acknowledgement's
 * durability), and not the listeners' summary and badges, which the recording checkpoint makes
 * good after a crash (database/write-concern.ts, FerretDB's patch 0007).
 */
describe('the writes of a send', () => {
  let testApp: TestApp;
  let recorder: ConversationRecorder;

  beforeAll(async () => {
    testApp = await createTestApp();
    recorder = testApp.app.get(ConversationRecorder);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('ask no journal for the summary and the badges, and the default for the message', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Nina'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
    ]);
    await sendMessage(testApp.baseUrl, client, garagiste, 'Bonjour');
    await recorder.whenIdle();

    const writes: string[] = [];
    const watched = new Set(['messages', 'conversations', 'users', 'garages']);
    const spies = (['bulkWrite', 'insertMany'] as const).map((method) => {
      const original = Collection.prototype[method] as (...args: unknown[]) => unknown;
      return jest.spyOn(Collection.prototype, method).mockImplementation(function (
        this: Collection,
        ...args: unknown[]
      ) {
        const options = args[1] as BulkWriteOptions | undefined;
        if (watched.has(this.collectionName))
          writes.push(`${this.collectionName}.${method} j=${String(options?.writeConcern?.j)}`);
        return original.apply(this, args) as never;
      });
    });
    try {
      await sendMessage(testApp.baseUrl, garagiste, client, 'Bonjour, que puis-je faire ?');
      await recorder.whenIdle();
      await sendMessage(testApp.baseUrl, client, garagiste, 'Une vidange');
      await recorder.whenIdle();
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }

    // insertMany calls bulkWrite itself, with the insert's options.
    expect([...new Set(writes)].sort()).toEqual([
      'conversations.bulkWrite j=false',
      'garages.bulkWrite j=false',
      'messages.bulkWrite j=undefined',
      'messages.insertMany j=undefined',
      'users.bulkWrite j=false',
    ]);
    // Written all the same: the garage's received total counts both of the client's messages.
    const garage = await testApp.connection
      .collection('garages')
      .findOne({ _id: new Types.ObjectId(garagiste.user.garageId) });
    expect(garage?.['receivedTotal']).toBe(2);
  });
});
