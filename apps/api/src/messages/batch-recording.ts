import type { Types } from 'mongoose';
import type { AwaitingReply, Conversation, LastMessage, Member } from './conversation.schema';
import type { StoredMessage } from './message.schema';
import { previewContent, previewOf } from './preview';
import { replyChanges, type ReplyChange } from './reply-state';

const hexOf = (id: Types.ObjectId) => id.toHexString();
const later = (a: Types.ObjectId, b: Types.ObjectId) => (hexOf(a) > hexOf(b) ? a : b);

/**
 * What recording a batch of one conversation's new messages changes in its document, as one
 * update: the newest becomes the preview and the activity unless a newer one already is (`$max`
 * compares previews by their first field, the message id), each recipient's received count goes
 * up by what they got, each person's unanswered message follows the batch (see replyChanges),
 * and the conversation is back in both people's inbox if either had archived it.
 * `applyTo` makes the same change to the document as it was before the update: the update is
 * atomic, so the database is asked for that document only, and both are known from one command.
 */
export class BatchRecording {
  readonly update: Record<string, Record<string, unknown>>;
  private readonly newest: StoredMessage;
  private readonly lastMessage: LastMessage;
  private readonly received = new Map<string, number>();
  private readonly replies: Map<string, ReplyChange>;

  constructor(
    messages: readonly StoredMessage[],
    private readonly now: Date,
  ) {
    this.newest = messages.reduce((newest, message) => (hexOf(message._id) > hexOf(newest._id) ? message : newest));
    for (const message of messages) {
      const recipient = hexOf(message.recipient);
      this.received.set(recipient, (this.received.get(recipient) ?? 0) + 1);
    }
    this.lastMessage = {
      id: this.newest._id,
      senderId: this.newest.sender,
      content: previewOf(previewContent(this.newest)),
      ...(this.newest.appointment ? { appointmentId: this.newest.appointment } : {}),
      createdAt: this.newest.createdAt,
    };
    this.replies = replyChanges(messages);
    this.update = this.buildUpdate();
  }

  private buildUpdate(): Record<string, Record<string, unknown>> {
    const set: Record<string, unknown> = { firstFolder: 'inbox', secondFolder: 'inbox', updatedAt: this.now };
    const min: Record<string, AwaitingReply> = {};
    const unset: Record<string, ''> = {};
    for (const [userId, change] of this.replies) {
      const path = `members.${userId}.awaitingReply`;
      if (change.kind === 'set') set[path] = change.awaiting;
      else if (change.kind === 'min') min[path] = change.awaiting;
      else unset[path] = '';
    }
    return {
      $max: { lastMessage: this.lastMessage, activity: this.newest._id },
      $inc: Object.fromEntries([...this.received].map(([userId, count]) => [`members.${userId}.receivedCount`, count])),
      $set: set,
      ...(Object.keys(min).length > 0 ? { $min: min } : {}),
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
    };
  }

  applyTo(before: Conversation): Conversation {
    const members: Record<string, Member> = { ...before.members };
    for (const [userId, count] of this.received) {
      const member = members[userId];
      members[userId] = { ...member, receivedCount: (member?.receivedCount ?? 0) + count };
    }
    for (const [userId, change] of this.replies) {
      const { awaitingReply, ...member } = members[userId] ?? ({} as Member);
      const kept =
        change.kind === 'min' && awaitingReply && hexOf(awaitingReply.messageId) <= hexOf(change.awaiting.messageId);
      members[userId] = {
        ...member,
        ...(change.kind === 'unset' ? {} : { awaitingReply: kept ? awaitingReply : change.awaiting }),
      } as Member;
    }
    const previous = before.lastMessage;
    return {
      ...before,
      members,
      activity: later(before.activity, this.newest._id),
      lastMessage: previous && hexOf(previous.id) >= hexOf(this.lastMessage.id) ? previous : this.lastMessage,
      firstFolder: 'inbox',
      secondFolder: 'inbox',
      updatedAt: this.now,
    };
  }
}
