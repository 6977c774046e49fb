import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  DELETED_ACCOUNT_NAME,
  LIMITS,
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
import { GaragesService } from '../garages/garages.service';
import { conversationIdFor } from './conversation-id';
import { isMemberView, type Viewer } from './conversation-parties';
import type { Conversation } from './conversation.schema';
import {
  ConversationsService,
  sideOf,
  unreadOf,
  type SummaryOutcome,
  type SummaryWrite,
} from './conversations.service';
import { ConversationRead, ConversationRecorded, MessageRecorded } from './message-events';
import { MessageStore } from './message-store';
import { isNote, type StoredMessage } from './message.schema';
import { RecordingCheckpoint } from './recording-checkpoint';
import { UnreadBadges } from './unread-badges';

/** Messages whose bookkeeping is written together at most. */
const MAX_BATCH_SIZE = 500;
/** Messages read at once when the summary catches up with what it has not counted. */
const CATCH_UP_PAGE = 200;
/** Summaries (as the database last returned them) this process remembers, to record the next messages without a read. */
const REMEMBERED_SUMMARIES = 50_000;
/** Before a failed recording is tried again (the messages stay held meanwhile). */
const RETRY_MS = 1_000;
/**
 * Conversations whose summaries are written together at most: well under the 100 statements past
 * which an embedded database built without patch 0005 waits for ever (see UnreadBadges).
 */
const MAX_SUMMARY_BATCH = 50;

const BEFORE_EVERY_ID = new Types.ObjectId('000000000000000000000000');
const bySeq = (a: StoredMessage, b: StoredMessage) => (a.seq ?? 0) - (b.seq ?? 0);

/**
 * The listener of `message.recorded` that keeps each conversation's summary (preview, counts,
 * unanswered messages) and each person's unread badge in step, then tells both people and
 * publishes `ConversationRecorded` for the other listeners (notifications, responsiveness).
 *
 * Messages recorded within RECORDING_LINGER_MS of each other are written together: one update
 * per conversation, conditional on the summary's watermark (the last message it counted), which
 * it moves, the updates of every conversation of the batch in one `bulkWrite`. So a message is
 * counted once and in its conversation's order, whichever replica or recovery gets there first;
 * a summary behind (another replica's messages, a crash) catches up from the messages
 * themselves. The documents are read back by `_id` after the write, in one read.
 * In this process a conversation's recordings and reads run one at a time, so that the unread
 * count copied into the badge is never an older one landing after a newer one.
 */
@Injectable()
export class ConversationRecorder implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ConversationRecorder.name);
  private readonly batches: GroupCommit<StoredMessage, void>;
  /** The summaries' updates of the conversations recorded at the same moment, as one write. */
  private readonly summaryWrites: GroupCommit<SummaryWrite, SummaryOutcome>;
  private readonly byConversation = new KeyedSerialQueue();
  private readonly summaries = memoryCache<string, Conversation>({ max: REMEMBERED_SUMMARIES });
  /** Each person's messages not recorded yet, so that their own reads can wait for them. */
  private readonly pendingByUser = new Map<string, Set<Promise<void>>>();
  private stopped = false;

  constructor(
    private readonly conversations: ConversationsService,
    private readonly store: MessageStore,
    private readonly users: UsersService,
    private readonly garages: GaragesService,
    private readonly chat: ChatEvents,
    private readonly events: DomainEvents,
    private readonly checkpoint: RecordingCheckpoint,
    private readonly badges: UnreadBadges,
    config: ConfigService<Environment, true>,
  ) {
    this.batches = new GroupCommit((messages) => this.recordBatch(messages), {
      maxBatchSize: MAX_BATCH_SIZE,
      lingerMs: config.get('RECORDING_LINGER_MS', { infer: true }),
    });
    // No linger of its own: the conversations of one batch of messages submit theirs in the same tick.
    this.summaryWrites = new GroupCommit(
      async (writes) => (await this.conversations.recordMany(writes)).map((value) => ({ ok: true, value })),
      { maxBatchSize: MAX_SUMMARY_BATCH, lingerMs: 0 },
    );
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

  /**
   * Resolves once the messages this viewer sent, or their side received, in this process are
   * recorded: their own reads see them.
   */
  async settledFor(viewer: Viewer): Promise<void> {
    const pending = [viewer.userId, viewer.partyId].flatMap((id) => [...(this.pendingByUser.get(id) ?? [])]);
    if (pending.length > 0) await Promise.allSettled(pending);
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
   * Follows an edit or a deletion in the conversation's previews, if it is their newest message, and
   * tells both sides (an internal note's, the garage's only). The message's own recording (which writes the preview from the content it
   * was sent with) may still be lingering: it goes first, or it would overwrite the revision.
   */
  async recordRevision(message: StoredMessage): Promise<void> {
    const pending = this.pendingByUser.get(message.sender.toHexString());
    if (pending) await Promise.allSettled([...pending]);
    await this.byConversation.run(message.conversation.toHexString(), async () => {
      const conversation = await this.conversations.reviseLastMessage(message);
      if (!conversation) return;
      // An internal note's revision is the garage's alone.
      const audience = isNote(message) ? ConversationsService.sidesOf(conversation).garageId : undefined;
      for (const viewer of await this.viewersOf(conversation, audience)) this.publish(conversation, viewer);
    });
  }

  /** Marks as read everything the other side has sent mine so far, and tells both sides. */
  async markRead(viewer: Viewer, otherPartyId: string): Promise<MarkReadResponse> {
    await this.settledFor(viewer);
    return this.byConversation.run(conversationIdFor(viewer.partyId, otherPartyId).toHexString(), async () => {
      const conversation = await this.conversations.findBetween(viewer.partyId, otherPartyId);
      if (!conversation) throw notFound('You have no conversation with this user.');
      const {
        conversation: updated,
        event,
        toClient,
        memberReadDelta,
      } = await this.conversations.markRead(conversation, viewer);
      const unreadTotal = isMemberView(viewer)
        ? await this.memberUnreadTotal(viewer, memberReadDelta)
        : await this.users.setUnread(viewer.userId, updated._id.toHexString(), unreadOf(sideOf(updated, viewer)));
      if (event) {
        this.chat.messagesRead(event, ConversationsService.sidesOf(updated), toClient);
        this.publish(updated, viewer, unreadTotal);
        await this.events.publish(new ConversationRead(viewer.userId, updated._id));
      }
      const me = sideOf(updated, viewer);
      return {
        conversationId: updated._id.toHexString(),
        lastReadMessageId: me?.lastReadMessageId?.toHexString() ?? null,
        readAt: event?.readAt ?? (me?.lastReadAt ?? new Date()).toISOString(),
        unreadTotal,
      };
    });
  }

  /**
   * A garage's member's badge: the garage's received messages minus what they read, after this
   * read added `justRead` to their reading.
   */
  async memberUnreadTotal(viewer: Viewer, justRead = 0): Promise<number> {
    const [received, read] = await Promise.all([
      this.garages.receivedTotal(viewer.partyId),
      justRead > 0 ? this.users.addGarageRead(viewer.userId, justRead) : this.users.garageReadTotal(viewer.userId),
    ]);
    return Math.max(0, received - read);
  }

  /**
   * Puts the conversation in one of my side's folders and tells my side's tabs (a garage's
   * archive is its members'). In the conversation's queue, so that a message recorded meanwhile
   * is published in the order written.
   */
  async setFolder(viewer: Viewer, otherPartyId: string, folder: ConversationFolder): Promise<ConversationView> {
    await this.settledFor(viewer);
    return this.byConversation.run(conversationIdFor(viewer.partyId, otherPartyId).toHexString(), async () => {
      const conversation = await this.conversations.setFolder(viewer.partyId, otherPartyId, folder);
      if (!conversation) throw notFound('You have no conversation with this user.');
      for (const member of await this.viewersOf(conversation, viewer.partyId)) this.publish(conversation, member);
      return ConversationsService.toView(conversation, viewer);
    });
  }

  /**
   * Assigns my garage's conversation with the client to a member, or to nobody, and tells every
   * member's tabs (`conversation-updated`, each with their own view). In the conversation's queue,
   * like a folder's change.
   */
  async assign(
    viewer: Viewer,
    clientId: string,
    assignee: { id: string; name: string } | null,
  ): Promise<ConversationView> {
    return this.byConversation.run(conversationIdFor(viewer.partyId, clientId).toHexString(), async () => {
      const conversation = await this.conversations.assign(viewer.partyId, clientId, assignee);
      if (!conversation) throw notFound('You have no conversation with this user.');
      for (const member of await this.viewersOf(conversation, viewer.partyId)) this.publish(conversation, member);
      return ConversationsService.toView(conversation, viewer);
    });
  }

  /**
   * A member left the garage: each conversation assigned to them becomes unassigned, and every
   * remaining member's tabs are told as for an assignment, each in its conversation's queue.
   */
  async unassignMember(garageId: string, memberId: string): Promise<void> {
    for (const id of await this.conversations.assignedTo(garageId, memberId)) {
      await this.byConversation.run(id.toHexString(), async () => {
        const conversation = await this.conversations.unassign(id, memberId);
        if (!conversation) return;
        for (const member of await this.viewersOf(conversation, garageId)) this.publish(conversation, member);
      });
    }
  }

  /**
   * Tells a member's tabs their badge and their inbox's newest page afresh, once their readings
   * changed outside any read of theirs (a newcomer's reading of the garage's past): each of those
   * conversations as they now see it, with their unread total, as after a read.
   */
  async republishInbox(viewer: Viewer): Promise<void> {
    const [unreadTotal, page] = await Promise.all([
      this.memberUnreadTotal(viewer),
      this.conversations.listFor(viewer, 'inbox', undefined, LIMITS.conversationPageDefaultSize),
    ]);
    for (const conversation of page.items) this.chat.conversationUpdated(viewer.userId, { conversation, unreadTotal });
  }

  /** Drops what this replica remembers of a conversation (purged: the next message opens it anew). */
  forget(conversationId: string): void {
    this.summaries.delete(conversationId);
  }

  /**
   * A deleted account's conversations: a client shows as DELETED_ACCOUNT_NAME in each (its messages
   * stay readable), and every member of the garage is told at once; a garage's member's messages
   * are signed DELETED_ACCOUNT_NAME. Idempotent.
   */
  async showAsDeleted(userId: string): Promise<void> {
    for (const id of await this.conversations.idsOf(userId)) {
      const key = id.toHexString();
      await this.byConversation.run(key, async () => {
        const after = await this.conversations.renameMember(id, userId, DELETED_ACCOUNT_NAME);
        this.summaries.delete(key);
        if (!after) return;
        const otherSide = ConversationsService.otherParty(after, userId);
        for (const viewer of await this.viewersOf(after, otherSide)) this.publish(after, viewer);
      });
    }
    await this.store.renameSender(userId, DELETED_ACCOUNT_NAME);
    await this.conversations.renameLastSender(userId, DELETED_ACCOUNT_NAME);
  }

  /** Resolves once the message (and every one before it in its conversation) is counted and its listeners are done. */
  recordMessage(message: StoredMessage): Promise<void> {
    const recorded = this.batches.submit(message);
    // Its garage too: a colleague's message (an internal note, whose recipient is the client) is
    // for every member's reads to wait for.
    const people = [
      ...new Set([
        message.sender.toHexString(),
        message.recipient.toHexString(),
        ...(message.garage ? [message.garage.toHexString()] : []),
      ]),
    ];
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
      const outcome = await retryTransient(() => this.summaryWrites.submit({ before, messages: batch }));
      if (outcome.kind !== 'written') {
        // Someone else moved the watermark meanwhile: read it again. Unknown whether this wrote:
        // as after a crash, the listeners run again from what the summary holds.
        if (outcome.kind === 'unknown') [rerun, recordedAny] = [true, false];
        this.summaries.delete(key);
        continue;
      }
      const { after } = outcome;
      this.summaries.set(key, after);
      recordedAny = true;
      await this.afterRecording(before, after, batch, rerun);
      if (rerun && batch.length < CATCH_UP_PAGE) break;
    }
    for (const message of fresh) this.checkpoint.release(message._id);
  }

  /**
   * The badges and the live views of both sides, then the other listeners. A client's badge is
   * its count of the conversation; a garage's is its received total, whatever the team's size
   * (each member's is that total minus their own reading). Both go out with the other
   * conversations' through UnreadBadges, and `conversation-updated` follows once they are
   * written, without the total: each tab adds the conversation's unread change to its own.
   */
  private async afterRecording(
    before: Conversation,
    after: Conversation,
    messages: readonly StoredMessage[],
    everyone: boolean,
  ): Promise<void> {
    // Internal notes are counted unread by nobody, and change nothing the client sees.
    const counting = messages.filter((message) => !isNote(message));
    const received = new Set(counting.map((message) => message.recipient.toHexString()));
    const notesOnly = messages.length > 0 && counting.length === 0 && !everyone;
    const key = after._id.toHexString();
    const recipients: Viewer[] = [];
    for (const partyId of [after.firstUser.toHexString(), after.secondUser.toHexString()]) {
      const counted = everyone || received.has(partyId);
      const side = after.members[partyId];
      if (side?.role !== 'garagiste') {
        const viewer = { userId: partyId, partyId };
        if (!counted) {
          if (!notesOnly) this.publish(after, viewer);
          continue;
        }
        recipients.push(viewer);
        await retryTransient(() => this.badges.setUnread(partyId, key, unreadOf(side)));
        this.publish(after, viewer);
        continue;
      }
      const added = counting.filter((message) => message.recipient.equals(partyId)).length;
      const [, members] = await Promise.all([
        counted ? this.countReceived(partyId, added, everyone) : undefined,
        retryTransient(() => this.viewersOf(after, partyId)),
      ]);
      for (const viewer of members) {
        if (counted) recipients.push(viewer);
        this.publish(after, viewer);
      }
    }
    await this.events.publish(new ConversationRecorded(before, after, messages, recipients));
  }

  /**
   * Raises the garage's received total by what these messages added. Run again (a failure, a
   * crash), it is counted whole from the garage's conversations instead, so that an increment
   * lost between the conversation's update and the garage's (or written twice by a retried
   * batch) is made good; that is also why a failed raise is not retried here.
   */
  private async countReceived(garageId: string, added: number, again: boolean) {
    if (again) {
      const total = await retryTransient(() => this.conversations.receivedBy(garageId));
      await retryTransient(() => this.garages.setReceivedTotal(garageId, total));
      return;
    }
    if (added > 0) await this.badges.addReceived(garageId, added);
  }

  /** Everyone who sees the conversation (of one side only, when given): its client, and each member of its garage. */
  private async viewersOf(conversation: Conversation, onlyParty?: string): Promise<Viewer[]> {
    const viewers: Viewer[] = [];
    for (const partyId of [conversation.firstUser.toHexString(), conversation.secondUser.toHexString()]) {
      if (onlyParty && partyId !== onlyParty) continue;
      if (conversation.members[partyId]?.role !== 'garagiste') viewers.push({ userId: partyId, partyId });
      else for (const userId of await this.users.garageMemberIds(partyId)) viewers.push({ userId, partyId });
    }
    return viewers;
  }

  private publish(conversation: Conversation, viewer: Viewer, unreadTotal?: number): void {
    this.chat.conversationUpdated(viewer.userId, {
      conversation: ConversationsService.toView(conversation, viewer),
      ...(unreadTotal === undefined ? {} : { unreadTotal }),
    });
  }
}

/** Whether the messages (sorted) hold consecutive places. */
function contiguous(messages: readonly StoredMessage[]): boolean {
  return messages.every((message, index) => index === 0 || message.seq === (messages[index - 1].seq ?? 0) + 1);
}
