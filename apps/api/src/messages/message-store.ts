import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { LIMITS, type HistoryQuery, type MessageView, type Page } from '@promoto/shared-dto';
import { MongoBulkWriteError, type WriteError } from 'mongodb';
import { Model, Types } from 'mongoose';
import { AttachmentLinks } from '../attachments/attachment-links';
import { bookingVehicle } from '../common/booked-vehicle';
import { GroupCommit, type BatchOutcome } from '../common/group-commit';
import type { Environment } from '../config/environment';
import { isDuplicateKey } from '../database/mongo-errors';
import { MAX_OBJECT_ID } from './conversations.service';
import { MessageSequence } from './message-sequence';
import { Message, WITHOUT_NOTES, type MessageDraft, type StoredMessage } from './message.schema';
import { RecordingCheckpoint } from './recording-checkpoint';

/** Messages written by one insertMany at most: large enough to absorb bursts, small enough to stay a short write. */
const MAX_BATCH_SIZE = 500;
/**
 * Placements of one batch's messages before the rest of it is failed. A round after a place
 * taken by another replica waits a few random milliseconds, so that two replicas writing one
 * conversation at once stop colliding.
 */
const MAX_PLACEMENT_ROUNDS = 20;
const COLLISION_JITTER_MS = 4;

export type InsertResult = { created: true; message: StoredMessage } | { created: false; message: StoredMessage };

/** The filter a history page reads: one conversation's or one booking's messages. */
export type HistoryScope = { conversation: Types.ObjectId } | { appointment: Types.ObjectId };

const failed = (error: unknown): BatchOutcome<InsertResult> => ({ ok: false, error });

/**
 * The messages collection: durable inserts by group commit, and history pages. Reads are lean
 * (plain data, no Mongoose documents) and every query has the shape of an index range.
 */
@Injectable()
export class MessageStore {
  private readonly inserts: GroupCommit<MessageDraft, InsertResult>;

  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly sequence: MessageSequence,
    private readonly checkpoint: RecordingCheckpoint,
    private readonly links: AttachmentLinks,
    config: ConfigService<Environment, true>,
  ) {
    this.inserts = new GroupCommit((drafts) => this.insertBatch(drafts), {
      maxBatchSize: MAX_BATCH_SIZE,
      lingerMs: config.get('SEND_LINGER_MS', { infer: true }),
    });
  }

  /**
   * Resolves once the message is durably stored in its place, with concurrent messages in one
   * insertMany. A message whose idempotency key was used before is not stored again: the
   * earlier one is answered. A stored message stays held (RecordingCheckpoint) until its
   * listeners release it.
   */
  insert(draft: MessageDraft): Promise<InsertResult> {
    return this.inserts.submit(draft);
  }

  /** The message this sender stored under this idempotency key, if any. */
  findSent(sender: Types.ObjectId, idempotencyKey: string): Promise<StoredMessage | null> {
    return this.messages.findOne({ sender, idempotencyKey }).lean<StoredMessage>().exec();
  }

  /**
   * One ordered insertMany per round: the messages before the first refused one are stored, the
   * refused one is answered (an idempotent retry) or placed again (another replica took its
   * place), and the rest are placed again after it, so that a conversation's messages never skip
   * a place.
   */
  private async insertBatch(drafts: MessageDraft[]): Promise<BatchOutcome<InsertResult>[]> {
    const outcomes = new Array<BatchOutcome<InsertResult> | undefined>(drafts.length);
    let remaining = drafts.map((draft, index) => ({ draft, index }));
    for (let round = 0; remaining.length > 0 && round < MAX_PLACEMENT_ROUNDS; round += 1) {
      const placed: StoredMessage[] = [];
      for (const { draft } of remaining) placed.push(await this.sequence.place(draft));
      for (const message of placed) this.checkpoint.hold(message._id);
      const refusedAt = await this.insertOrdered(placed);
      placed.slice(0, refusedAt.index).forEach((message, position) => {
        outcomes[remaining[position].index] = { ok: true, value: { created: true, message } };
      });
      const unplaced = placed.slice(refusedAt.index);
      for (const message of unplaced) {
        this.checkpoint.release(message._id);
        this.sequence.forget(message.conversation);
      }
      if (unplaced.length === 0) break;
      if (refusedAt.error && !isDuplicateKey(refusedAt.error)) {
        // The database refused the batch as a whole (or this message for good): nothing after it is known.
        for (const { index } of remaining.slice(refusedAt.index)) outcomes[index] = failed(refusedAt.error);
        break;
      }
      // A duplicate: a retried send (answered with the message stored the first time; the other
      // retries of the batch are looked up at once, so that a burst of them costs one round), or
      // a place another replica took (placed again after its message).
      const rest = remaining.slice(refusedAt.index);
      const earlier = await Promise.all(rest.map(({ draft }) => this.findSent(draft.sender, draft.idempotencyKey)));
      rest.forEach(({ index }, position) => {
        const message = earlier[position];
        if (message) outcomes[index] = { ok: true, value: { created: false, message } };
      });
      remaining = rest.filter((_, position) => !earlier[position]);
      if (remaining.length > 0)
        await new Promise((resolve) => setTimeout(resolve, Math.random() * COLLISION_JITTER_MS));
    }
    const unsettled = new Error('message not stored: its conversation kept changing on other replicas');
    return outcomes.map((outcome) => outcome ?? failed(unsettled));
  }

  /** How many of the messages were stored (all of them, or up to the first refused one, and why it was). */
  private async insertOrdered(messages: StoredMessage[]): Promise<{ index: number; error?: unknown }> {
    try {
      await this.messages.collection.insertMany(messages, { ordered: true });
      return { index: messages.length };
    } catch (error) {
      // The driver also wraps a lost connection in a MongoBulkWriteError, without write errors:
      // nothing is known to be stored then, so the whole batch fails (and is retried by clients).
      if (!(error instanceof MongoBulkWriteError)) return { index: 0, error };
      const [first] = ([] as WriteError[]).concat(error.writeErrors);
      if (!first) return { index: 0, error };
      return { index: first.index, error: first };
    }
  }

  /** A conversation's messages after this one, oldest first: what its summary has not counted yet. */
  readAfter(conversation: Types.ObjectId, after: Types.ObjectId, limit: number): Promise<StoredMessage[]> {
    return this.messages
      .find({ conversation, _id: { $gt: after } })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<StoredMessage[]>()
      .exec();
  }

  /** Signs a garage's member's messages with another name (their account was deleted). */
  async renameSender(sender: string, name: string): Promise<void> {
    await this.messages
      .updateMany({ sender: new Types.ObjectId(sender), senderName: { $exists: true } }, { $set: { senderName: name } })
      .exec();
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
   * index range read on the embedded database. `withNotes`: the garage's internal notes are
   * served (to its members), or left out (to the client: they are never served to them).
   */
  async page(scope: HistoryScope, query: HistoryQuery, withNotes: boolean): Promise<Page<MessageView>> {
    const limit = query.limit ?? LIMITS.historyPageDefaultSize;
    const audience = withNotes ? {} : WITHOUT_NOTES;
    if (query.after) {
      const newer = await this.messages
        .find({ ...scope, ...audience, _id: { $gt: new Types.ObjectId(query.after) } })
        .sort({ _id: 1 })
        .limit(limit + 1)
        .lean<StoredMessage[]>()
        .exec();
      const items = newer.slice(0, limit).map((message) => toMessageView(message, this.links));
      return { items, nextCursor: newer.length > limit ? items[items.length - 1].id : null };
    }
    const older = await this.messages
      .find({ ...scope, ...audience, _id: { $lt: query.before ? new Types.ObjectId(query.before) : MAX_OBJECT_ID } })
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
    ...(message.garage ? { garageId: message.garage.toHexString() } : {}),
    ...(message.senderName ? { senderName: message.senderName } : {}),
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
            ...(message.bookingEvent.reason ? { reason: message.bookingEvent.reason } : {}),
            ...(message.bookingEvent.vehicle ? { vehicle: bookingVehicle(message.bookingEvent.vehicle) } : {}),
          },
        }
      : {}),
    ...(message.kind === 'note' ? { kind: message.kind } : {}),
    ...(message.kind === 'vehicle-reminder' && message.vehicleReminder
      ? {
          kind: message.kind,
          vehicleReminder: {
            reminderId: message.vehicleReminder.reminderId.toHexString(),
            vehicle: bookingVehicle(message.vehicleReminder.vehicle),
            text: message.vehicleReminder.text,
            dueAt: message.vehicleReminder.dueAt.toISOString(),
          },
        }
      : {}),
    ...(message.kind === 'away-notice'
      ? {
          kind: message.kind,
          awayNotice: message.awayNotice?.reopensAt ? { reopensAt: message.awayNotice.reopensAt.toISOString() } : {},
        }
      : {}),
    ...(message.kind === 'quote' && message.quote && message.appointment
      ? {
          kind: message.kind,
          quote: {
            ...message.quote,
            appointmentId: message.appointment.toHexString(),
            expiresAt: message.quote.expiresAt.toISOString(),
          },
        }
      : {}),
    ...(message.kind === 'quote-decision' && message.quoteDecision
      ? { kind: message.kind, quoteDecision: message.quoteDecision }
      : {}),
    ...(message.attachments?.length && !message.deletedAt
      ? { attachments: message.attachments.map((attachment) => links.view(attachment)) }
      : {}),
  };
}
