import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { LIMITS, type ConversationView, type MessagesReadEvent, type Page } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import type { UserDocument } from '../users/user.schema';
import { Conversation, ConversationDocument, Member } from './conversation.schema';
import type { MessageDocument } from './message.schema';

/** How often a mark-read retries when messages keep arriving while it runs. */
const MARK_READ_ATTEMPTS = 5;

export const conversationKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

const memberOf = (user: UserDocument): Member => ({
  name: user.name,
  role: user.role,
  ...(user.garageName ? { garageName: user.garageName } : {}),
  unreadCount: 0,
});

const encodeCursor = (conversation: ConversationDocument) => `${conversation.updatedAt.getTime()}_${conversation.id}`;

/** The conversation documents: one per pair, holding the preview, unread counts and watermarks. */
@Injectable()
export class ConversationsService {
  constructor(
    @InjectModel(Conversation.name)
    private readonly conversations: Model<Conversation>,
  ) {}

  findBetween(userA: string, userB: string): Promise<ConversationDocument | null> {
    return this.conversations.findOne({ key: conversationKey(userA, userB) }).exec();
  }

  /** The conversation if this user is part of it, otherwise null. */
  findForMember(conversationId: string, userId: string): Promise<ConversationDocument | null> {
    return this.conversations.findOne({ _id: conversationId, participants: userId }).exec();
  }

  /** Finds the pair's conversation or creates it; concurrent first messages meet on the unique key. */
  async open(sender: UserDocument, recipient: UserDocument): Promise<ConversationDocument> {
    const key = conversationKey(sender.id, recipient.id);
    const conversation = await this.conversations
      .findOneAndUpdate(
        { key },
        {
          $setOnInsert: {
            key,
            participants: [sender._id, recipient._id],
            members: {
              [sender.id]: memberOf(sender),
              [recipient.id]: memberOf(recipient),
            },
          },
        },
        { upsert: true, returnDocument: 'after' },
      )
      .exec()
      .catch(async (error: { code?: number }) => {
        if (error.code !== 11000) throw error;
        return this.conversations.findOne({ key }).exec();
      });
    if (!conversation) throw new Error(`conversation ${key} vanished while being opened`);
    return conversation;
  }

  /** Sets the preview (unless a newer message already did) and counts the message as unread. */
  async recordMessage(conversationId: Types.ObjectId, message: MessageDocument): Promise<ConversationDocument> {
    const lastMessage = {
      id: message._id,
      senderId: message.sender,
      content: message.content.slice(0, LIMITS.previewLength),
      ...(message.appointment ? { appointmentId: message.appointment } : {}),
      createdAt: message.createdAt,
    };
    const unread = {
      [`members.${message.recipient.toHexString()}.unreadCount`]: 1,
    };
    const updated = await this.conversations
      .findOneAndUpdate(
        {
          _id: conversationId,
          $or: [{ lastMessage: { $exists: false } }, { 'lastMessage.id': { $lt: message._id } }],
        },
        { $set: { lastMessage }, $inc: unread },
        { returnDocument: 'after' },
      )
      .exec();
    if (updated) return updated;
    // A newer message of the other participant got there first: keep its preview, still count this one.
    const counted = await this.conversations
      .findOneAndUpdate({ _id: conversationId }, { $inc: unread }, { returnDocument: 'after' })
      .exec();
    if (!counted) throw new Error(`conversation ${conversationId.toHexString()} vanished`);
    return counted;
  }

  /**
   * Moves the reader's watermark to the newest message and zeroes their unread count: one update,
   * whatever the backlog. It only applies while the newest message is still the one it read, so a
   * message arriving meanwhile stays unread.
   */
  async markRead(
    conversation: ConversationDocument,
    readerId: string,
  ): Promise<{
    conversation: ConversationDocument;
    event: MessagesReadEvent | null;
  }> {
    let current: ConversationDocument | null = conversation;
    for (let attempt = 0; attempt < MARK_READ_ATTEMPTS && current; attempt += 1) {
      const newest = current.lastMessage?.id;
      const member = current.members.get(readerId);
      if (!newest || (member?.unreadCount === 0 && member.lastReadMessageId?.equals(newest))) {
        return { conversation: current, event: null };
      }
      const readAt = new Date();
      const updated: ConversationDocument | null = await this.conversations
        .findOneAndUpdate(
          { _id: current._id, 'lastMessage.id': newest },
          {
            $set: {
              [`members.${readerId}.unreadCount`]: 0,
              [`members.${readerId}.lastReadMessageId`]: newest,
              [`members.${readerId}.lastReadAt`]: readAt,
            },
          },
          { returnDocument: 'after', timestamps: false },
        )
        .exec();
      if (updated) {
        const event = {
          conversationId: updated.id as string,
          readerId,
          lastReadMessageId: newest.toHexString(),
          readAt: readAt.toISOString(),
        };
        return { conversation: updated, event };
      }
      current = await this.conversations.findById(current._id).exec();
    }
    throw new Error(`mark-read of conversation ${conversation.id} kept racing new messages`);
  }

  /** My conversations, newest activity first, paged by (updatedAt, id). */
  async listFor(userId: string, cursor: string | undefined, limit: number): Promise<Page<ConversationView>> {
    const filter: Record<string, unknown> = {
      participants: new Types.ObjectId(userId),
    };
    if (cursor) {
      const [time, id] = cursor.split('_');
      const updatedAt = new Date(Number(time));
      filter['$or'] = [{ updatedAt: { $lt: updatedAt } }, { updatedAt, _id: { $lt: new Types.ObjectId(id) } }];
    }
    const found = await this.conversations
      .find(filter)
      .sort({ updatedAt: -1, _id: -1 })
      .limit(limit + 1)
      .exec();
    const page = found.slice(0, limit);
    return {
      items: page.map((conversation) => ConversationsService.toView(conversation, userId)),
      nextCursor: found.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  /** The sum of my unread counts, from the conversations that have any. */
  async unreadTotal(userId: string): Promise<number> {
    const path = `members.${userId}.unreadCount`;
    const withUnread = await this.conversations
      .find({ participants: new Types.ObjectId(userId), [path]: { $gt: 0 } })
      .select({ [path]: 1 })
      .lean<{ members: Record<string, { unreadCount: number }> }[]>()
      .exec();
    return withUnread.reduce((total, conversation) => total + (conversation.members[userId]?.unreadCount ?? 0), 0);
  }

  static otherParticipant(conversation: ConversationDocument, userId: string): string {
    const other = conversation.participants.find((participant) => !participant.equals(userId));
    return (other ?? conversation.participants[0]).toHexString();
  }

  /** The conversation as `userId` sees it. */
  static toView(conversation: ConversationDocument, userId: string): ConversationView {
    const otherId = ConversationsService.otherParticipant(conversation, userId);
    const me = conversation.members.get(userId);
    const other = conversation.members.get(otherId);
    const last = conversation.lastMessage;
    return {
      id: conversation.id,
      otherUser: {
        id: otherId,
        name: other?.name ?? '',
        role: other?.role ?? 'client',
        ...(other?.garageName ? { garageName: other.garageName } : {}),
      },
      ...(last
        ? {
            lastMessage: {
              id: last.id.toHexString(),
              senderId: last.senderId.toHexString(),
              content: last.content,
              ...(last.appointmentId ? { appointmentId: last.appointmentId.toHexString() } : {}),
              createdAt: last.createdAt.toISOString(),
            },
          }
        : {}),
      unreadCount: me?.unreadCount ?? 0,
      ...(other?.lastReadMessageId ? { otherLastReadMessageId: other.lastReadMessageId.toHexString() } : {}),
      updatedAt: conversation.updatedAt.toISOString(),
    };
  }
}
