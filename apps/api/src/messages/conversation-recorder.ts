import { Injectable } from '@nestjs/common';
import type { ConversationFolder, ConversationView, MarkReadResponse } from '@promoto/shared-dto';
import type { Types } from 'mongoose';
import { notFound } from '../common/app-exception';
import { GroupCommit, type BatchOutcome } from '../common/group-commit';
import { KeyedSerialQueue } from '../common/keyed-serial-queue';
import { retryTransient } from '../database/transient-retry';
import { NotificationScheduler } from '../notifications/notification-scheduler';
import { ChatEvents } from '../realtime/chat-events';
import { UsersService } from '../users/users.service';
import { conversationIdFor } from './conversation-id';
import type { Conversation } from './conversation.schema';
import { ConversationsService, unreadOf } from './conversations.service';
import type { StoredMessage } from './message.schema';
import { ReplyWatch } from './reply-watch';

/** Messages whose bookkeeping is written together at most. */
const MAX_BATCH_SIZE = 500;

/**
 * Keeps each conversation (preview, counts, watermarks) and each person's unread badge in step
 * with the messages stored and the reads, and tells both people. Concurrent messages are
 * recorded together: one update per conversation and one per recipient for a whole batch.
 * In this process, a conversation's recordings and reads run one at a time, so that the
 * unread count copied into the badge is never an older one landing after a newer one.
 */
@Injectable()
export class ConversationRecorder {
  private readonly batches = new GroupCommit<StoredMessage, void>(
    (messages) => this.recordBatch(messages),
    MAX_BATCH_SIZE,
  );
  private readonly byConversation = new KeyedSerialQueue();

  constructor(
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
    private readonly events: ChatEvents,
    private readonly notifications: NotificationScheduler,
    private readonly replies: ReplyWatch,
  ) {}

  /** Resolves once the message is in its conversation's preview and counts and both people were told. */
  recordMessage(message: StoredMessage): Promise<void> {
    return this.batches.submit(message);
  }

  /** Follows an edit or a deletion in the conversation's preview, if it is the newest message, and tells both people. */
  async recordRevision(message: StoredMessage): Promise<void> {
    await this.byConversation.run(message.conversation.toHexString(), async () => {
      const conversation = await this.conversations.reviseLastMessage(message);
      if (!conversation) return;
      this.publish(conversation, conversation.firstUser.toHexString());
      this.publish(conversation, conversation.secondUser.toHexString());
    });
  }

  /** Marks as read everything `otherUserId` has sent me so far, and tells us both. */
  async markRead(readerId: string, otherUserId: string): Promise<MarkReadResponse> {
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
        this.events.messagesRead(event, otherUserId);
        this.publish(updated, readerId, unreadTotal);
        await this.notifications.conversationRead(readerId, updated._id);
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
    return this.byConversation.run(conversationIdFor(userId, otherUserId).toHexString(), async () => {
      const conversation = await this.conversations.setFolder(userId, otherUserId, folder);
      if (!conversation) throw notFound('You have no conversation with this user.');
      this.publish(conversation, userId);
      return ConversationsService.toView(conversation, userId);
    });
  }

  private async recordBatch(messages: StoredMessage[]): Promise<BatchOutcome<void>[]> {
    const byConversation = new Map<string, StoredMessage[]>();
    for (const message of messages) {
      const key = message.conversation.toHexString();
      byConversation.set(key, [...(byConversation.get(key) ?? []), message]);
    }
    const failures = new Map<string, unknown>();
    await Promise.all(
      [...byConversation].map(([key, group]) =>
        this.byConversation
          .run(key, () => this.recordConversation(group[0].conversation, group))
          .catch((error: unknown) => failures.set(key, error)),
      ),
    );
    return messages.map((message): BatchOutcome<void> => {
      const failure = failures.get(message.conversation.toHexString());
      return failure === undefined ? { ok: true, value: undefined } : { ok: false, error: failure };
    });
  }

  private async recordConversation(conversationId: Types.ObjectId, messages: StoredMessage[]): Promise<void> {
    const { before, after: conversation } = await retryTransient(() =>
      this.conversations.recordMessages(conversationId, messages),
    );
    this.replies.follow(before, messages);
    const recipients = new Set(messages.map((message) => message.recipient.toHexString()));
    const key = conversationId.toHexString();
    for (const userId of [conversation.firstUser.toHexString(), conversation.secondUser.toHexString()]) {
      if (!recipients.has(userId)) {
        this.publish(conversation, userId);
        continue;
      }
      const unreadTotal = await retryTransient(() =>
        this.users.setUnread(userId, key, unreadOf(conversation.members[userId])),
      );
      this.publish(conversation, userId, unreadTotal);
      await this.notifications.messageRecorded(conversation, userId);
    }
  }

  private publish(conversation: Conversation, userId: string, unreadTotal?: number): void {
    this.events.conversationUpdated(userId, {
      conversation: ConversationsService.toView(conversation, userId),
      ...(unreadTotal === undefined ? {} : { unreadTotal }),
    });
  }
}
