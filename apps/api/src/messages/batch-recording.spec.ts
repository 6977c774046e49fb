import { Types } from 'mongoose';
import { BatchRecording } from './batch-recording';
import type { Conversation } from './conversation.schema';
import { storedMessageAt } from './testing/stored-messages';

const client = new Types.ObjectId();
const garagiste = new Types.ObjectId();
const messageAt = storedMessageAt(client, garagiste);
const now = new Date('2026-11-03T00:00:00Z');

function conversation(): Conversation {
  const asked = messageAt(client, -30);
  return {
    _id: new Types.ObjectId(),
    firstUser: client,
    secondUser: garagiste,
    firstFolder: 'archived',
    secondFolder: 'inbox',
    activity: asked._id,
    members: {
      [client.toHexString()]: { name: 'Camille', role: 'client', receivedCount: 4, readCount: 4 },
      [garagiste.toHexString()]: {
        name: 'Marc',
        role: 'garagiste',
        receivedCount: 7,
        readCount: 5,
        awaitingReply: { messageId: asked._id, since: asked.createdAt },
      },
    },
    lastMessage: { id: asked._id, senderId: client, content: 'avant', createdAt: asked.createdAt },
    createdAt: now,
    updatedAt: now,
  } as Conversation;
}

describe('BatchRecording', () => {
  it('writes the counts, the preview, the folders and each person’s unanswered message in one update', () => {
    const batch = [messageAt(garagiste, 0), messageAt(client, 5), messageAt(client, 6)];
    expect(new BatchRecording(batch, now).update).toEqual({
      $max: {
        lastMessage: { id: batch[2]._id, senderId: client, content: 'x', createdAt: batch[2].createdAt },
        activity: batch[2]._id,
      },
      $inc: {
        [`members.${client.toHexString()}.receivedCount`]: 1,
        [`members.${garagiste.toHexString()}.receivedCount`]: 2,
      },
      $set: {
        firstFolder: 'inbox',
        secondFolder: 'inbox',
        updatedAt: now,
        [`members.${client.toHexString()}.awaitingReply`]: { messageId: batch[1]._id, since: batch[1].createdAt },
      },
      $unset: { [`members.${garagiste.toHexString()}.awaitingReply`]: '' },
    });
  });

  it('applies that update to the document it found, as the database does', () => {
    const before = conversation();
    const batch = [messageAt(garagiste, 0), messageAt(client, 5)];
    const after = new BatchRecording(batch, now).applyTo(before);
    expect(after.members[client.toHexString()]).toEqual({
      name: 'Camille',
      role: 'client',
      receivedCount: 5,
      readCount: 4,
      awaitingReply: { messageId: batch[1]._id, since: batch[1].createdAt },
    });
    expect(after.members[garagiste.toHexString()]).toEqual({
      name: 'Marc',
      role: 'garagiste',
      receivedCount: 8,
      readCount: 5,
    });
    expect(after).toMatchObject({
      activity: batch[1]._id,
      firstFolder: 'inbox',
      secondFolder: 'inbox',
      updatedAt: now,
    });
    expect(after.lastMessage?.id).toEqual(batch[1]._id);
    expect(before.members[client.toHexString()].receivedCount).toBe(4);
  });

  it('keeps a newer preview and an older unanswered message ($max and $min)', () => {
    const before = conversation();
    const late = messageAt(client, -60);
    const after = new BatchRecording([late], now).applyTo(before);
    expect(after.lastMessage?.content).toBe('avant');
    expect(after.activity).toEqual(before.activity);
    const older = messageAt(client, -90);
    const beforeWithClientWaiting = new BatchRecording([messageAt(client, -45)], now).applyTo(before);
    expect(
      new BatchRecording([older], now).applyTo(beforeWithClientWaiting).members[client.toHexString()].awaitingReply,
    ).toEqual({ messageId: older._id, since: older.createdAt });
  });
});
