import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { LIMITS, type HistoryQuery, type MessageView, type Page } from '@promoto/shared-dto';
import { MongoBulkWriteError, type WriteError } from 'mongodb';
import { Model, Types } from 'mongoose';
import { AttachmentLinks } from '../attachments/attachment-links';
import { GroupCommit, type BatchOutcome } from '../common/group-commit';
import { isDuplicateKey } from '../database/mongo-errors';
import { MAX_OBJECT_ID } from './conversations.service';
import { Message, type StoredMessage } from './message.schema';

/** Messages written by one insertMany at most: large enough to absorb bursts, small enough to stay a short write. */
const MAX_BATCH_SIZE = 500;

export type InsertResult = { created: true; message: StoredMessage } | { created: false; message: StoredMessage };

/** The filter a history page reads: one conversation's or one booking's messages. */
export type HistoryScope = { conversation: Types.ObjectId } | { appointment: Types.ObjectId };

/**
 * The messages collection: durable inserts by group commit, and history pages. Reads are lean
 * (plain data, no Mongoose documents) and every query has the shape of an index range.
 */
@Injectable()
export class MessageStore {
  private readonly inserts = new GroupCommit<StoredMessage, boolean>(
    (messages) => this.insertBatch(messages),
    MAX_BATCH_SIZE,
  );

  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly links: AttachmentLinks,
  ) {}

  /**
   * Resolves once the message is durably stored, with concurrent messages in one insertMany. A
   * message whose idempotency key was used before is not stored again: the earlier one is answered.
   */
  async insert(message: StoredMessage): Promise<InsertResult> {
    if (await this.inserts.submit(message)) return { created: true, message };
    const earlier = await this.messages
      .findOne({ sender: message.sender, idempotencyKey: message.idempotencyKey })
      .lean<StoredMessage>()
      .exec();
    if (!earlier) throw new Error(`message ${message.idempotencyKey} was refused as a duplicate but is not stored`);
    return { created: false, message: earlier };
  }

  /** True for each message stored, false for one refused by the unique idempotency index. */
  private async insertBatch(messages: StoredMessage[]): Promise<BatchOutcome<boolean>[]> {
    try {
      await this.messages.collection.insertMany(messages, { ordered: false });
      return messages.map(() => ({ ok: true, value: true }));
    } catch (error) {
      // The driver also wraps a lost connection in a MongoBulkWriteError, without write errors:
      // nothing is known to be stored then, so the whole batch fails (and is retried by clients).
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const writeErrors = ([] as WriteError[]).concat(error.writeErrors);
      if (writeErrors.length === 0) throw error;
      const refused = new Map<number, WriteError>(writeErrors.map((writeError) => [writeError.index, writeError]));
      return messages.map((_, index): BatchOutcome<boolean> => {
        const writeError = refused.get(index);
        if (!writeError) return { ok: true, value: true };
        if (isDuplicateKey(writeError)) return { ok: true, value: false };
        return { ok: false, error: new Error(`message not stored: ${writeError.errmsg ?? 'refused by the database'}`) };
      });
    }
  }

  findById(id: string): Promise<StoredMessage | null> {
    return this.messages.findById(id).lean<StoredMessage>().exec();
  }

  /**
   * Replaces the content of a message that is not deleted: its author's edit (`editedAt`) or
   * deletion (`deletedAt`, content ''). Null when it was deleted meanwhile.
   */
  revise(message: StoredMessage, change: { content: string; editedAt: Date } | { content: ''; deletedAt: Date }) {
    return this.messages
      .findOneAndUpdate(
        { _id: message._id, deletedAt: { $exists: false } },
        { $set: change },
        { returnDocument: 'after' },
      )
      .lean<StoredMessage>()
      .exec();
  }

  /**
   * One page of a conversation's or a booking's history, oldest first: the newest page, the page
   * before `before`, or what came `after`. Paged by id on an index that starts with the scope's
   * field, never by skip; the newest page is the range below the largest id, so that it too is an
   * index range read on the embedded database.
   */
  async page(scope: HistoryScope, query: HistoryQuery): Promise<Page<MessageView>> {
    const limit = query.limit ?? LIMITS.historyPageDefaultSize;
    if (query.after) {
      const newer = await this.messages
        .find({ ...scope, _id: { $gt: new Types.ObjectId(query.after) } })
        .sort({ _id: 1 })
        .limit(limit + 1)
        .lean<StoredMessage[]>()
        .exec();
      const items = newer.slice(0, limit).map((message) => toMessageView(message, this.links));
      return { items, nextCursor: newer.length > limit ? items[items.length - 1].id : null };
    }
    const older = await this.messages
      .find({ ...scope, _id: { $lt: query.before ? new Types.ObjectId(query.before) : MAX_OBJECT_ID } })
      .sort({ _id: -1 })
      .limit(limit + 1)
      .lean<StoredMessage[]>()
      .exec();
    const items = older
      .slice(0, limit)
      .reverse()
      .map((message) => toMessageView(message, this.links));
    return { items, nextCursor: older.length > limit ? items[0].id : null };
  }
}

/** A message as served; the links to its attachments are signed for this moment. */
export function toMessageView(message: StoredMessage, links: AttachmentLinks): MessageView {
  return {
    id: message._id.toHexString(),
    conversationId: message.conversation.toHexString(),
    senderId: message.sender.toHexString(),
    recipientId: message.recipient.toHexString(),
    content: message.content,
    ...(message.appointment ? { appointmentId: message.appointment.toHexString() } : {}),
    ...(message.clientMessageId ? { clientMessageId: message.clientMessageId } : {}),
    createdAt: message.createdAt.toISOString(),
    ...(message.editedAt ? { editedAt: message.editedAt.toISOString() } : {}),
    ...(message.deletedAt ? { deletedAt: message.deletedAt.toISOString() } : {}),
    ...(message.kind === 'booking-event' && message.bookingEvent && message.appointment
      ? {
          kind: message.kind,
          bookingEvent: {
            appointmentId: message.appointment.toHexString(),
            action: message.bookingEvent.action,
            status: message.bookingEvent.status,
            scheduledAt: message.bookingEvent.scheduledAt.toISOString(),
            service: message.bookingEvent.service,
            garageName: message.bookingEvent.garageName,
            causedBy: message.sender.toHexString(),
            causedByRole: message.bookingEvent.causedByRole,
          },
        }
      : {}),
    ...(message.attachments?.length && !message.deletedAt
      ? { attachments: message.attachments.map((attachment) => links.view(attachment)) }
      : {}),
  };
}
