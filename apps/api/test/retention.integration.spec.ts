import { Types } from 'mongoose';
import { AttachmentStorage } from '../src/attachments/attachment-storage';
import { DeletedMessageFiles } from '../src/attachments/deleted-message-files';
import { NotificationRetention } from '../src/notifications/notification-retention';
import { createTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Retention: what is expired goes, and nothing else. */
describe('retention purges', () => {
  let testApp: TestApp;
  const now = Date.now();
  const daysAgo = (days: number) => new Date(now - days * DAY_MS);

  beforeAll(async () => {
    testApp = await createTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('deletes the e-mail records finished and the claims made more than 30 days ago, and nothing else', async () => {
    const emails = testApp.connection.collection('notification_emails');
    const claims = testApp.connection.collection('notification_email_claims');
    const email = (id: string, status: string, updatedDaysAgo: number) => ({
      _id: id as never,
      recipient: new Types.ObjectId(),
      conversation: new Types.ObjectId(),
      sender: new Types.ObjectId(),
      status,
      dueAt: daysAgo(updatedDaysAgo),
      failures: 0,
      createdAt: daysAgo(updatedDaysAgo),
      updatedAt: daysAgo(updatedDaysAgo),
      ...(status === 'pending' ? {} : { finishedAt: daysAgo(updatedDaysAgo) }),
    });
    await emails.insertMany([
      email('sent-31-days', 'sent', 31),
      email('sent-29-days', 'sent', 29),
      email('cancelled-45-days', 'cancelled', 45),
      email('cancelled-today', 'cancelled', 0),
      email('failed-31-days', 'failed', 31),
      email('pending-40-days', 'pending', 40),
      email('pending-today', 'pending', 0),
    ]);
    await claims.insertMany([
      { _id: 'claim-31-days' as never, claimedAt: daysAgo(31) },
      { _id: 'claim-30-days-and-a-minute' as never, claimedAt: new Date(now - 30 * DAY_MS - 60_000) },
      { _id: 'claim-29-days' as never, claimedAt: daysAgo(29) },
      { _id: 'claim-today' as never, claimedAt: daysAgo(0) },
    ]);

    const purged = await testApp.app.get(NotificationRetention).purge(now);

    expect(purged).toEqual({ emails: 3, claims: 2 });
    const keptEmails = (await emails.find({}, { projection: { _id: 1 } }).toArray()).map(({ _id }) => _id).sort();
    expect(keptEmails).toEqual(['cancelled-today', 'pending-40-days', 'pending-today', 'sent-29-days']);
    const keptClaims = (await claims.find({}, { projection: { _id: 1 } }).toArray()).map(({ _id }) => _id).sort();
    expect(keptClaims).toEqual(['claim-29-days', 'claim-today']);
    expect(await testApp.app.get(NotificationRetention).purge(now)).toEqual({ emails: 0, claims: 0 });
  });

  it("removes the files of deleted and vanished messages, with their records, and keeps every other upload's", async () => {
    const storage = testApp.app.get(AttachmentStorage);
    const attachments = testApp.connection.collection('attachments');
    const messages = testApp.connection.collection('messages');
    const owner = new Types.ObjectId();
    const upload = async (label: string, message?: Types.ObjectId, withThumbnail = false) => {
      const fileKey = await storage.put(Buffer.from(`${label} file`), 'image/jpeg');
      const thumbnailKey = withThumbnail ? await storage.put(Buffer.from(`${label} thumb`), 'image/jpeg') : undefined;
      const _id = new Types.ObjectId();
      await attachments.insertOne({
        _id,
        owner,
        kind: 'image',
        name: `${label}.jpg`,
        size: 10,
        mimeType: 'image/jpeg',
        fileKey,
        ...(thumbnailKey ? { thumbnailKey } : {}),
        ...(message ? { message, sentWith: label, recipient: new Types.ObjectId() } : {}),
        createdAt: daysAgo(2),
      });
      return { _id, label, fileKey, thumbnailKey };
    };
    const liveMessage = new Types.ObjectId();
    const deletedMessage = new Types.ObjectId();
    const vanishedMessage = new Types.ObjectId();
    const ofLive = await upload('live', liveMessage, true);
    const ofDeleted = await upload('deleted', deletedMessage, true);
    const alsoOfDeleted = await upload('deleted-too', deletedMessage);
    const ofVanished = await upload('vanished', vanishedMessage);
    const notSent = await upload('not-sent');
    const description = (label: string) => ({ name: `${label}.jpg` });
    await messages.insertMany([
      { _id: liveMessage, content: 'photo', attachments: [description('live')] },
      {
        _id: deletedMessage,
        content: '',
        deletedAt: daysAgo(1),
        attachments: [description('deleted'), description('deleted-too')],
      },
    ]);

    expect(await testApp.app.get(DeletedMessageFiles).purge()).toBe(3);

    const kept = (await attachments.find({ owner }, { projection: { _id: 1 } }).toArray()).map(({ _id }) =>
      _id.toHexString(),
    );
    expect(kept.sort()).toEqual([ofLive._id.toHexString(), notSent._id.toHexString()].sort());
    for (const gone of [ofDeleted, alsoOfDeleted, ofVanished]) {
      expect({ label: gone.label, file: await storage.get(gone.fileKey) }).toEqual({ label: gone.label, file: null });
    }
    expect(await storage.get(String(ofDeleted.thumbnailKey))).toBeNull();
    expect((await storage.get(ofLive.fileKey))?.toString()).toBe('live file');
    expect((await storage.get(String(ofLive.thumbnailKey)))?.toString()).toBe('live thumb');
    expect((await storage.get(notSent.fileKey))?.toString()).toBe('not-sent file');
    expect(await messages.findOne({ _id: deletedMessage })).not.toHaveProperty('attachments');
    expect((await messages.findOne({ _id: liveMessage }))?.['attachments']).toEqual([description('live')]);
    expect(await testApp.app.get(DeletedMessageFiles).purge()).toBe(0);
  });
});
