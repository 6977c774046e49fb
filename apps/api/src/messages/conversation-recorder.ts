import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  DELETED_ACCOUNT_NAME,
  type ConversationFolder,
  type ConversationView,
  type MarkReadResponse,
} from '@promoto/shared-dto';
import { Types } from 'mongoose';
import { notFound } from '../common/app-exception';
import { GroupCommit, type BatchOutcome } from '../common/group-commit';
import { KeyedSerialQueue } from '../common/keyed-serial-queue';
import { memoryCache } from '../common/memory-cache';
import type { Environment } from '../config/environment';
import { retryTransient } from '../database/transient-retry';
import { DomainEvents } from '../events/domain-events';
import { ChatEvents } from '../realtime/chat-events';
import { UsersService } from '../users/users.service';
import { conversationIdFor } from './conversation-id';
import type { Conversation } from './conversation.schema';
import { ConversationsService, unreadOf } from './conversations.service';
import { ConversationRead, ConversationRecorded, MessageRecorded } from './message-events';
import { MessageStore } from './message-store';
import type { StoredMessage } from './message.schema';
import { RecordingCheckpoint } from './recording-checkpoint';

/** Messages whose bookkeeping is written together at most. */
const MAX_BATCH_SIZE = 500;
/** Messages read at once when the summary catches up with what it has not counted. */
const CATCH_UP_PAGE = 200;
/** Summaries (as the database last returned them) this process remembers, to record the next messages without a read. */
const REMEMBERED_SUMMARIES = 50_000;
/** Before a failed recording is tried again (the messages stay held meanwhile). */
const RETRY_MS = 1_000;

const BEFORE_EVERY_ID = new Types.ObjectId('000000000000000000000000');
const bySeq = (a: StoredMessage, b: StoredMessage) => (a.seq ?? 0) - (b.seq ?? 0);

/**
 * The listener of `message.recorded` that keeps each conversation's summary (preview, counts,
 * unanswered messages) and each person's unread badge in step, then tells both people and
 * publishes `ConversationRecorded` for the other listeners (notifications, responsiveness).
 *
 * Messages recorded within RECORDING_LINGER_MS of each other are written together: one update
 * per conversation, conditional on the summary's watermark (the last message it counted), which
 * it moves. So a message is counted once and in its conversation's order, whichever replica or
 * recovery gets there first; a summary behind (another replica's messages, a crash) catches up
 * from the messages themselves. The documents come back from the database as it wrote them.
 * In this process a conversation's recordings and reads run one at a time, so that the unread
 * count copied into the badge is never an older one landing after a newer one.
 */
@Injectable()
export class ConversationRecorder implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ConversationRecorder.name);
  private readonly batches: GroupCommit<StoredMessage, void>;
  private readonly byConversation = new KeyedSerialQueue();
  private readonly summaries = memoryCache<string, Conversation>({ max: REMEMBERED_SUMMARIES });
  /** Each person's messages not recorded yet, so that their own reads can wait for them. */
  private readonly pendingByUser = new Map<string, Set<Promise<void>>>();
  private stopped = false;

  constructor(
    private readonly conversations: ConversationsService,
    private readonly store: MessageStore,
    private readonly users: UsersService,
    private readonly chat: ChatEvents,
    private readonly events: DomainEvents,
    private readonly checkpoint: RecordingCheckpoint,
    config: ConfigService<Environment, true>,
  ) {
    this.batches = new GroupCommit((messages) => this.recordBatch(messages), {
      maxBatchSize: MAX_BATCH_SIZE,
      lingerMs: config.get('RECORDING_LINGER_MS', { infer: true }),
    });
  }

  onModuleInit(): void {
    this.events.on(MessageRecorded, ({ message }) => this.recordMessage(message));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.whenIdle();
    // What still fails is left to the recovery of another process (its checkpoint stays behind).
    this.stopped = true;
  }

  /** Resolves once every message handed over so far is recorded (or failed). */
  whenIdle(): Promise<void> {
    return this.batches.whenIdle();
  }

  /** Resolves once the messages this user sent or received in this process are recorded: their own reads see them. */
  async settledFor(userId: string): Promise<void> {
    const pending = this.pendingByUser.get(userId);
    if (pending) await Promise.allSettled([...pending]);
  }

  /**
   * Records what the conversation's summary has not counted yet and runs the listeners again
   * even when nothing was missing (a badge or an e-mail schedule may be what a crash lost).
   */
  catchUp(conversationId: Types.ObjectId): Promise<void> {
    return this.byConversation.run(conversationId.toHexString(), () =>
      this.recordConversation(conversationId, [], true),
    );
  }

  /**
   * Follows an edit or a deletion in the conversation's preview, if it is the newest message, and
   * tells both people. The message's own recording (which writes the preview from the content it
   * was sent with) may still be lingering: it goes first, or it would overwrite the revision.
   */
  async recordRevision(message: StoredMessage): Promise<void> {
    await this.settledFor(message.sender.toHexString());
    await this.byConversation.run(message.conversation.toHexString(), async () => {
      const conversation = await this.conversations.reviseLastMessage(message);
      if (!conversation) return;
      this.publish(conversation, conversation.firstUser.toHexString());
      this.publish(conversation, conversation.secondUser.toHexString());
    });
  }

  /** Marks as read everything `otherUserId` has sent me so far, and tells us both. */
  async markRead(readerId: string, otherUserId: string): Promise<MarkReadResponse> {
    await this.settledFor(readerId);
    return this.byConversation.run(conversationIdFor(readerId, otherUserId).toHexString(), async () => {
      const conversation = await this.conversations.findBetween(readerId, otherUserId);
      if (!conversation) throw notFound('You have no conversation with this user.');
      const { conversation: updated, event } = await this.conversations.markRead(conversation, readerId);
      const unreadTotal = await this.users.setUnread(
        readerId,
        updated._id.toHexString(),
        unreadOf(updated.members[readerId]),
      );
      if (event) {
        this.chat.messagesRead(event, otherUserId);
        this.publish(updated, readerId, unreadTotal);
        await this.events.publish(new ConversationRead(readerId, updated._id));
      }
      const me = updated.members[readerId];
      return {
        conversationId: updated._id.toHexString(),
        lastReadMessageId: me?.lastReadMessageId?.toHexString() ?? null,
        readAt: event?.readAt ?? (me?.lastReadAt ?? new Date()).toISOString(),
        unreadTotal,
      };
    });
  }

  /**
   * Puts my conversation with that user in one of my folders and tells my other tabs. In the
   * conversation's queue, so that a message recorded meanwhile is published in the order written.
   */
  async setFolder(userId: string, otherUserId: string, folder: ConversationFolder): Promise<ConversationView> {
    await this.settledFor(userId);
    return this.byConversation.run(conversationIdFor(userId, otherUserId).toHexString(), async () => {
      const conversation = await this.conversations.setFolder(userId, otherUserId, folder);
      if (!conversation) throw notFound('You have no conversation with this user.');
      this.publish(conversation, userId);
      return ConversationsService.toView(conversation, userId);
    });
  }

  /** Drops what this replica remembers of a conversation (purged: the next message opens it anew). */
  forget(conversationId: string): void {
    this.summaries.delete(conversationId);
  }

  /**
   * A deleted account's conversations: it shows as DELETED_ACCOUNT_NAME in each (its messages stay
   * readable), and the other person's tabs are told at once. Idempotent.
   */
  async showAsDeleted(userId: string): Promise<void> {
    for (const id of await this.conversations.idsOf(userId)) {
      const key = id.toHexString();
      await this.byConversation.run(key, async () => {
        const after = await this.conversations.renameMember(id, userId, DELETED_ACCOUNT_NAME);
        this.summaries.delete(key);
        if (after) this.publish(after, ConversationsService.otherParticipant(after, userId));
      });
    }
  }

  /** Resolves once the message (and every one before it in its conversation) is counted and its listeners are done. */
  recordMessage(message: StoredMessage): Promise<void> {
    const recorded = this.batches.submit(message);
    const people = [message.sender.toHexString(), message.recipient.toHexString()];
    for (const userId of people) {
      const pending = this.pendingByUser.get(userId) ?? new Set<Promise<void>>();
      pending.add(recorded);
      this.pendingByUser.set(userId, pending);
    }
    void recorded
      .catch(() => undefined)
      .then(() => {
        for (const userId of people) {
          const pending = this.pendingByUser.get(userId);
          pending?.delete(recorded);
          if (pending?.size === 0) this.pendingByUser.delete(userId);
        }
      });
    return recorded;
  }

  private async recordBatch(messages: StoredMessage[]): Promise<BatchOutcome<void>[]> {
    const byConversation = new Map<string, StoredMessage[]>();
    for (const message of messages) {
      const key = message.conversation.toHexString();
      byConversation.set(key, [...(byConversation.get(key) ?? []), message]);
    }
    await Promise.all(
      [...byConversation].map(([key, group]) =>
        this.byConversation
          .run(key, () => this.recordConversation(group[0].conversation, group, false))
          .catch((error: unknown) => this.retryLater(group, error)),
      ),
    );
    return messages.map(() => ({ ok: true, value: undefined }));
  }

  /**
   * The messages are stored and delivered: they stay held, and their conversation is recorded
   * again (listeners included) a moment later, until it works.
   */
  private retryLater(fresh: StoredMessage[], error: unknown): void {
    const conversation = fresh[0].conversation;
    this.logger.error(`conversation ${conversation.toHexString()} not recorded yet: ${(error as Error).message}`);
    if (this.stopped) return;
    setTimeout(() => {
      if (this.stopped) return;
      void this.byConversation
        .run(conversation.toHexString(), () => this.recordConversation(conversation, fresh, true))
        .catch((again: unknown) => this.retryLater(fresh, again));
    }, RETRY_MS).unref();
  }

  /**
   * Counts `fresh` (this process's new messages of the conversation) and whatever came before
   * them uncounted, after the summary's watermark, in order. `rerun`: run the listeners even if
   * nothing was left to count.
   */
  private async recordConversation(conversationId: Types.ObjectId, fresh: StoredMessage[], rerun: boolean) {
    const key = conversationId.toHexString();
    const last = fresh.sort(bySeq).at(-1);
    // Run again after a failure or a crash: what this process remembers may be what went wrong.
    if (rerun) this.summaries.delete(key);
    let recordedAny = false;
    for (;;) {
      const before =
        this.summaries.get(key) ?? (await retryTransient(() => this.conversations.findById(conversationId)));
      if (!before) throw new Error(`conversation ${key} vanished`);
      const through = before.recorded ?? { seq: 0, id: before.lastMessage?.id ?? BEFORE_EVERY_ID };
      if (!rerun && last && through.seq >= (last.seq ?? 0)) break;
      const uncounted = fresh.filter((message) => (message.seq ?? 0) > through.seq);
      const batch =
        uncounted.length > 0 && uncounted[0].seq === through.seq + 1 && contiguous(uncounted)
          ? uncounted
          : await retryTransient(() => this.store.readAfter(conversationId, through.id, CATCH_UP_PAGE));
      if (batch.length === 0) {
        if (rerun && !recordedAny) await this.afterRecording(before, before, [], true);
        break;
      }
      const after = await retryTransient(() => this.conversations.recordMessages(before, batch));
      if (!after) {
        // Someone else moved the watermark meanwhile: read it again.
        this.summaries.delete(key);
        continue;
      }
      this.summaries.set(key, after);
      recordedAny = true;
      await this.afterRecording(before, after, batch, rerun);
      if (rerun && batch.length < CATCH_UP_PAGE) break;
    }
    for (const message of fresh) this.checkpoint.release(message._id);
  }

  /** The badges and the live views of both people, then the other listeners. */
  private async afterRecording(
    before: Conversation,
    after: Conversation,
    messages: readonly StoredMessage[],
    everyone: boolean,
  ): Promise<void> {
    const received = new Set(messages.map((message) => message.recipient.toHexString()));
    const people = [after.firstUser.toHexString(), after.secondUser.toHexString()];
    const recipients = people.filter((userId) => everyone || received.has(userId));
    const key = after._id.toHexString();
    for (const userId of people) {
      if (!recipients.includes(userId)) {
        this.publish(after, userId);
        continue;
      }
      const unreadTotal = await retryTransient(() =>
        this.users.setUnread(userId, key, unreadOf(after.members[userId])),
      );
      this.publish(after, userId, unreadTotal);
    }
    await this.events.publish(new ConversationRecorded(before, after, messages, recipients));
  }

  private publish(conversation: Conversation, userId: string, unreadTotal?: number): void {
    this.chat.conversationUpdated(userId, {
      conversation: ConversationsService.toView(conversation, userId),
      ...(unreadTotal === undefined ? {} : { unreadTotal }),
    });
  }
}

/** Whether the messages (sorted) hold consecutive places. */
function contiguous(messages: readonly StoredMessage[]): boolean {
  return messages.every((message, index) => index === 0 || message.seq === (messages[index - 1].seq ?? 0) + 1);
}
