import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation, Document } from 'mongodb';
import { Types, type Connection } from 'mongoose';
import { runStartUpMigration } from '../database/start-up-migration';
import { isDuplicateKey } from '../database/mongo-errors';
import { retryTransient } from '../database/transient-retry';
import { conversationIdFor } from './conversation-id';
import { UNASSIGNED, type Conversation, type Member, type Reader } from './conversation.schema';
import { laterId } from './message-id';
import { previewContent, previewOf } from './preview';
import type { StoredMessage } from './message.schema';

/** The document in `migrations` that says this migration ran to its end. */
const MIGRATION_ID = 'garage-conversations';

type Garagiste = { _id: Types.ObjectId; name: string; garageId: Types.ObjectId; garageName: string };

/** A conversation between a client and one garagiste, as stored before conversations belonged to garages. */
interface Legacy {
  conversation: Conversation;
  clientId: string;
  garagiste: Garagiste;
}

const later = (a: Types.ObjectId | undefined, b: Types.ObjectId | undefined) => (a && b ? laterId(a, b) : (a ?? b));

/**
 * Conversations between a client and a garage, on a database from before them, once, before the
 * API serves: each conversation between a client and a garagiste (the garage's founder, or any
 * member a client wrote to) moves to the client's conversation with that garagiste's garage, whose
 * id is computed from the client and the garage. Its messages move with it, renumbered in their
 * order (two garagistes' conversations with one client become one); each garagiste's reading
 * becomes their own reading of it; badges, attachments, pending e-mails and reply counts follow.
 *
 * Replicas starting together on a database without the done marker all run it: every step writes
 * values computed from what is stored (the same in both), never increments, and the old documents
 * are removed last, so they only repeat one another's writes. The badges' totals are computed last
 * from the moved conversations. A conversation of a garagiste who belongs to no garage any more is
 * left where it is (nobody could answer it).
 */
@Injectable()
export class GarageConversationsMigration implements OnApplicationBootstrap {
  private readonly logger = new Logger(GarageConversationsMigration.name);

  constructor(@InjectConnection() private readonly connection: Connection) {}

  onApplicationBootstrap(): Promise<void> {
    return runStartUpMigration(this.connection, MIGRATION_ID, () => this.migrate());
  }

  private collection<T extends Document>(name: string) {
    return this.connection.collection<T>(name);
  }

  private async migrate(): Promise<void> {
    const garagistes = new Map(
      (
        await this.collection<Garagiste>('users')
          .find({ role: 'garagiste', garageId: { $exists: true } })
          .project<Garagiste>({ name: 1, garageId: 1, garageName: 1 })
          .toArray()
      ).map((garagiste) => [garagiste._id.toHexString(), garagiste]),
    );
    const targets = new Map<string, Legacy[]>();
    let orphans = 0;
    for await (const conversation of this.collection<Conversation>('conversations').find({})) {
      const sides = [conversation.firstUser.toHexString(), conversation.secondUser.toHexString()];
      const roles = sides.map((id) => conversation.members[id]?.role);
      const clientIndex = roles.indexOf('client');
      // Already a garage's (its garage side is no person), or not between a client and a garagiste.
      if (clientIndex === -1 || roles[1 - clientIndex] !== 'garagiste') continue;
      const garagisteId = sides[1 - clientIndex];
      const garagiste = garagistes.get(garagisteId);
      if (!garagiste) {
        if (!(await this.collection('garages').findOne({ _id: new Types.ObjectId(garagisteId) }))) orphans += 1;
        continue;
      }
      const clientId = sides[clientIndex];
      const target = conversationIdFor(clientId, garagiste.garageId.toHexString()).toHexString();
      targets.set(target, [...(targets.get(target) ?? []), { conversation, clientId, garagiste }]);
    }
    for (const [target, sources] of targets) await this.move(new Types.ObjectId(target), sources);
    if (targets.size > 0) await this.moveGaragistesFiles([...garagistes.values()]);
    await this.moveReplyCounts();
    if (targets.size > 0) await this.recountBadges();
    if (targets.size + orphans > 0) {
      this.logger.log(
        `${targets.size} conversations now between a client and a garage; ${orphans} of garagistes without a garage left as they were`,
      );
    }
  }

  /** One client's conversations with a garage's garagistes into their conversation with the garage. */
  private async move(target: Types.ObjectId, sources: Legacy[]): Promise<void> {
    const { clientId, garagiste } = sources[0];
    const garageId = garagiste.garageId;
    const sourceIds = sources.map(({ conversation }) => conversation._id);
    const writers = new Map(sources.map(({ garagiste: member }) => [member._id.toHexString(), member.name]));
    const messages = this.collection<StoredMessage>('messages');
    const all = await messages
      .find({ conversation: { $in: [...sourceIds, target] } })
      .sort({ _id: 1 })
      .toArray();
    const updates: AnyBulkWriteOperation<StoredMessage>[] = all.map((message, index) => {
      const writer = writers.get(message.sender.toHexString());
      return {
        updateOne: {
          filter: { _id: message._id },
          update: {
            $set: {
              conversation: target,
              seq: index + 1,
              seqKey: `${target.toHexString()}:${index + 1}`,
              garage: garageId,
              ...(writers.has(message.recipient.toHexString()) ? { recipient: garageId } : {}),
              ...(writer ? { senderName: writer } : {}),
            },
          },
        },
      };
    });
    if (updates.length > 0) await retryTransient(() => messages.bulkWrite(updates, { ordered: true }));
    const summary = summaryOf(target, clientId, garagiste, sources, all);
    await this.replace(target, summary);
    const users = this.collection('users');
    const client = summary.members[clientId];
    const oldKeys = Object.fromEntries(sourceIds.map((id) => [`unreadBy.${id.toHexString()}`, '']));
    const unread = Math.max(0, client.receivedCount - client.readCount);
    await users.updateOne(
      { _id: new Types.ObjectId(clientId) },
      { $unset: oldKeys, ...(unread > 0 ? { $set: { [`unreadBy.${target.toHexString()}`]: unread } } : {}) },
    );
    await users.updateMany({ _id: { $in: sources.map((source) => source.garagiste._id) } }, { $unset: oldKeys });
    const emails = this.collection('notification_emails');
    await emails.updateMany(
      { conversation: { $in: sourceIds }, sender: { $in: [...writers.keys()].map((id) => new Types.ObjectId(id)) } },
      { $set: { conversation: target, sender: garageId } },
    );
    await emails.updateMany({ conversation: { $in: sourceIds } }, { $set: { conversation: target } });
    await this.collection('conversations').deleteMany({ _id: { $in: sourceIds.filter((id) => !id.equals(target)) } });
  }

  /** The summary as the moved messages make it: written whole, so that a second run writes the same. */
  private async replace(target: Types.ObjectId, summary: Conversation): Promise<void> {
    const conversations = this.collection<Conversation>('conversations');
    try {
      await conversations.replaceOne({ _id: target }, summary, { upsert: true });
    } catch (error) {
      // Another replica inserted it between this one's lookup and insert: it exists now.
      if (!isDuplicateKey(error)) throw error;
      await conversations.replaceOne({ _id: target }, summary);
    }
  }

  /** A garagiste's received files are their garage's; the files they sent, every member's to see. */
  private async moveGaragistesFiles(garagistes: Garagiste[]): Promise<void> {
    const attachments = this.collection('attachments');
    for (const garagiste of garagistes) {
      await attachments.updateMany({ recipient: garagiste._id }, { $set: { recipient: garagiste.garageId } });
      await attachments.updateMany(
        { owner: garagiste._id, message: { $exists: true } },
        { $set: { ownerGarage: garagiste.garageId } },
      );
    }
  }

  /** A garage's reply counts were its founder's; they are the garage's now. */
  private async moveReplyCounts(): Promise<void> {
    const counts = this.collection<{ _id: Types.ObjectId; slots: Document }>('garage_responsiveness');
    for (const garage of await this.collection<{ _id: Types.ObjectId; owner: Types.ObjectId }>('garages')
      .find({})
      .project<{ _id: Types.ObjectId; owner: Types.ObjectId }>({ owner: 1 })
      .toArray()) {
      const founders = await counts.findOne({ _id: garage.owner });
      if (!founders) continue;
      await counts.replaceOne({ _id: garage._id }, { slots: founders['slots'] }, { upsert: true }).catch((error) => {
        if (!isDuplicateKey(error)) throw error;
      });
      await counts.deleteOne({ _id: garage.owner });
    }
  }

  /**
   * Each garage's received total and each member's read total, from the conversations as they now
   * are: written whole, so that two runs agree.
   */
  private async recountBadges(): Promise<void> {
    const received = new Map<string, number>();
    const read = new Map<string, number>();
    const conversations = this.collection<Conversation>('conversations')
      .find({})
      .project<Conversation>({ members: 1, readers: 1, firstUser: 1, secondUser: 1 });
    for await (const conversation of conversations) {
      for (const [partyId, side] of Object.entries(conversation.members)) {
        if (side.role === 'garagiste') received.set(partyId, (received.get(partyId) ?? 0) + side.receivedCount);
      }
      for (const [userId, reader] of Object.entries(conversation.readers ?? {})) {
        read.set(userId, (read.get(userId) ?? 0) + reader.readCount);
      }
    }
    const garages = this.collection('garages');
    for (const [garageId, total] of received) {
      await garages.updateOne({ _id: new Types.ObjectId(garageId) }, { $set: { receivedTotal: total } });
    }
    const users = this.collection('users');
    for (const [userId, total] of read) {
      await users.updateOne({ _id: new Types.ObjectId(userId) }, { $set: { garageReadTotal: total } });
    }
  }
}

/**
 * The client's conversation with the garage, from their conversations with its garagistes: the
 * counts of each add up (their messages are distinct), each garagiste's reading becomes theirs.
 */
function summaryOf(
  target: Types.ObjectId,
  clientId: string,
  garagiste: Garagiste,
  sources: Legacy[],
  messages: readonly StoredMessage[],
): Conversation {
  const newest = messages.at(-1);
  const garageId = garagiste.garageId.toHexString();
  const clientSide: Member = { name: '', role: 'client', receivedCount: 0, readCount: 0 };
  const garageSide: Member = {
    name: garagiste.garageName,
    role: 'garagiste',
    garageName: garagiste.garageName,
    receivedCount: 0,
    readCount: 0,
  };
  const readers: Record<string, Reader> = {};
  const byActivity = [...sources].sort((a, b) =>
    a.conversation.activity.toHexString() < b.conversation.activity.toHexString() ? -1 : 1,
  );
  const latest = byActivity[byActivity.length - 1].conversation;
  let clientFolder: 'inbox' | 'archived' = 'archived';
  let garageFolder: 'inbox' | 'archived' = 'archived';
  for (const { conversation, garagiste: member } of sources) {
    const client = conversation.members[clientId];
    const theirs = conversation.members[member._id.toHexString()];
    clientSide.name = client?.name ?? clientSide.name;
    clientSide.receivedCount += client?.receivedCount ?? 0;
    clientSide.readCount += client?.readCount ?? 0;
    clientSide.lastReadMessageId = later(clientSide.lastReadMessageId, client?.lastReadMessageId);
    garageSide.receivedCount += theirs?.receivedCount ?? 0;
    garageSide.readCount += theirs?.readCount ?? 0;
    garageSide.lastReadMessageId = later(garageSide.lastReadMessageId, theirs?.lastReadMessageId);
    if (theirs && (theirs.readCount > 0 || theirs.lastReadMessageId)) {
      readers[member._id.toHexString()] = {
        readCount: theirs.readCount,
        ...(theirs.lastReadMessageId ? { lastReadMessageId: theirs.lastReadMessageId } : {}),
        ...(theirs.lastReadAt ? { lastReadAt: theirs.lastReadAt } : {}),
      };
    }
    const clientFirst = conversation.firstUser.equals(clientId);
    if ((clientFirst ? conversation.firstFolder : conversation.secondFolder) !== 'archived') clientFolder = 'inbox';
    if ((clientFirst ? conversation.secondFolder : conversation.firstFolder) !== 'archived') garageFolder = 'inbox';
  }
  const latestClient = latest.members[clientId];
  const latestGarage =
    latest.members[
      latest.firstUser.equals(clientId) ? latest.secondUser.toHexString() : latest.firstUser.toHexString()
    ];
  if (latestClient?.awaitingReply) clientSide.awaitingReply = latestClient.awaitingReply;
  if (latestGarage?.awaitingReply) garageSide.awaitingReply = latestGarage.awaitingReply;
  const clientFirst = clientId < garageId;
  const activity = byActivity.reduce<Types.ObjectId>(
    (max, { conversation }) => laterId(max, conversation.activity),
    latest.activity,
  );
  return {
    _id: target,
    firstUser: new Types.ObjectId(clientFirst ? clientId : garageId),
    secondUser: new Types.ObjectId(clientFirst ? garageId : clientId),
    firstFolder: clientFirst ? clientFolder : garageFolder,
    secondFolder: clientFirst ? garageFolder : clientFolder,
    activity,
    members: { [clientId]: clientSide, [garageId]: garageSide },
    assignment: UNASSIGNED,
    ...(Object.keys(readers).length > 0 ? { readers } : {}),
    ...(newest
      ? {
          lastMessage: {
            id: newest._id,
            senderId: newest.sender,
            ...(garagisteName(sources, newest) ? { senderName: garagisteName(sources, newest) } : {}),
            content: previewOf(previewContent(newest)),
            ...(newest.appointment ? { appointmentId: newest.appointment } : {}),
            createdAt: newest.createdAt,
            ...(newest.deletedAt ? { deletedAt: newest.deletedAt } : {}),
          },
          recorded: { seq: messages.length, id: newest._id },
        }
      : {}),
    createdAt: sources.reduce(
      (min, { conversation }) => (conversation.createdAt < min ? conversation.createdAt : min),
      latest.createdAt,
    ),
    updatedAt: latest.updatedAt,
  };
}

function garagisteName(sources: Legacy[], message: StoredMessage): string | undefined {
  return sources.find(({ garagiste }) => garagiste._id.equals(message.sender))?.garagiste.name;
}
