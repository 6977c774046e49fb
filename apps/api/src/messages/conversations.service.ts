import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { LIMITS, type ConversationView, type MessagesReadEvent, type Page } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { DocumentWriteQueue } from '../database/document-write-queue';
import { isDuplicateKey } from '../database/mongo-errors';
import type { UserProfile } from '../users/user-profile';
import { conversationIdFor } from './conversation-id';
import { Conversation, ConversationDocument, Member } from './conversation.schema';
import type { MessageDocument } from './message.schema';

const memberOf = (user: UserProfile): Member => ({
  name: user.name,
  role: user.role,
  ...(user.garageName ? { garageName: user.garageName } : {}),
  receivedCount: 0,
  readCount: 0,
});

const laterId = (current: Types.ObjectId | undefined, candidate: Types.ObjectId) =>
  current && current.toHexString() > candidate.toHexString() ? current : candidate;

const unreadOf = (member: Member | undefined) => Math.max(0, (member?.receivedCount ?? 0) - (member?.readCount ?? 0));

const encodeCursor = (conversation: ConversationDocument) => `${conversation.updatedAt.getTime()}_${conversation.id}`;

export interface ReadResult {
  conversation: ConversationDocument;
  /** Null when there was nothing new to read. */
  event: MessagesReadEvent | null;
  /** How many messages this read turned from unread to read. */
  newlyRead: number;
}

/** The conversation documents: one per pair, holding the preview, unread counts and watermarks. */
@Injectable()
export class ConversationsService {
  constructor(
    @InjectModel(Conversation.name)
    private readonly conversations: Model<Conversation>,
    private readonly writes: DocumentWriteQueue,
  ) {}

  findBetween(userA: string, userB: string): Promise<ConversationDocument | null> {
    return this.conversations.findById(conversationIdFor(userA, userB)).exec();
  }

  /** The conversation if this user is part of it, otherwise null. */
  async findForMember(conversationId: string, userId: string): Promise<ConversationDocument | null> {
    const conversation = await this.conversations.findById(conversationId).exec();
    return conversation?.participants.some((participant) => participant.equals(userId)) ? conversation : null;
  }

  /** Finds the pair's conversation or creates it; concurrent first messages meet on the same `_id`. */
  async open(sender: UserProfile, recipient: UserProfile): Promise<ConversationDocument> {
    const _id = conversationIdFor(sender.id, recipient.id);
    const conversation = await this.conversations
      .findOneAndUpdate(
        { _id },
        {
          $setOnInsert: {
            participants: [sender._id, recipient._id],
            members: { [sender.id]: memberOf(sender), [recipient.id]: memberOf(recipient) },
          },
        },
        { upsert: true, returnDocument: 'after' },
      )
      .exec()
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
        return this.conversations.findById(_id).exec();
      });
    if (!conversation) throw new Error(`conversation ${_id.toHexString()} vanished while being opened`);
    return conversation;
  }

  /**
   * Counts the message as received by its recipient and makes it the preview unless a newer one
   * already is: `$max` compares the previews by their first field, the message id. One update,
   * by `_id`, whatever the order in which two people's messages arrive.
   */
  async recordMessage(conversationId: Types.ObjectId, message: MessageDocument): Promise<ConversationDocument> {
    const lastMessage = {
      id: message._id,
      senderId: message.sender,
      content: message.content.slice(0, LIMITS.previewLength),
      ...(message.appointment ? { appointmentId: message.appointment } : {}),
      createdAt: message.createdAt,
    };
    const updated = await this.writes.run('conversations', conversationId, () =>
      this.conversations
        .findOneAndUpdate(
          { _id: conversationId },
          { $max: { lastMessage }, $inc: { [`members.${message.recipient.toHexString()}.receivedCount`]: 1 } },
          { returnDocument: 'after' },
        )
        .exec(),
    );
    if (!updated) throw new Error(`conversation ${conversationId.toHexString()} vanished`);
    return updated;
  }

  /**
   * Marks read everything the reader had received when the conversation was read: one update by
   * `_id`, whatever the backlog. The watermark and the read count only go up (`$max`), so a
   * message arriving meanwhile stays unread and two tabs reading at once agree.
   */
  async markRead(conversation: ConversationDocument, readerId: string): Promise<ReadResult> {
    const member = conversation.members.get(readerId);
    const newest = conversation.lastMessage?.id;
    const received = member?.receivedCount ?? 0;
    if (!newest || (unreadOf(member) === 0 && member?.lastReadMessageId?.equals(newest))) {
      return { conversation, event: null, newlyRead: 0 };
    }
    const readAt = new Date();
    const path = `members.${readerId}`;
    const before = await this.writes.run('conversations', conversation._id, () =>
      this.conversations
        .findOneAndUpdate(
          { _id: conversation._id },
          {
            $max: { [`${path}.readCount`]: received, [`${path}.lastReadMessageId`]: newest },
            $set: { [`${path}.lastReadAt`]: readAt },
          },
          { returnDocument: 'before', timestamps: false },
        )
        .exec(),
    );
    if (!before) throw new Error(`conversation ${conversation.id} vanished`);
    // The document as the update left it, from the one before it: the read count's old value is
    // what tells how many messages this read (and not a concurrent one) turned read.
    const previouslyRead = before.members.get(readerId)?.readCount ?? 0;
    const read = before.members.get(readerId);
    if (read) {
      read.readCount = Math.max(previouslyRead, received);
      read.lastReadMessageId = laterId(read.lastReadMessageId, newest);
      read.lastReadAt = readAt;
    }
    return {
      conversation: before,
      event: {
        conversationId: conversation.id,
        readerId,
        lastReadMessageId: (read?.lastReadMessageId ?? newest).toHexString(),
        readAt: readAt.toISOString(),
      },
      newlyRead: Math.max(0, received - previouslyRead),
    };
  }

  /** My conversations, newest activity first, paged by (updatedAt, id). */
  async listFor(userId: string, cursor: string | undefined, limit: number): Promise<Page<ConversationView>> {
    const filter: Record<string, unknown> = { participants: new Types.ObjectId(userId) };
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

  static otherParticipant(conversation: ConversationDocument, userId: string): string {
    const other = conversation.participants.find((participant) => !participant.equals(userId));
    return (other ?? conversation.participants[0]).toHexString();
  }

  /** The conversation as `userId` sees it. */
  static toView(conversation: ConversationDocument, userId: string): ConversationView {
    const otherId = ConversationsService.otherParticipant(conversation, userId);
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
      unreadCount: unreadOf(conversation.members.get(userId)),
      ...(other?.lastReadMessageId ? { otherLastReadMessageId: other.lastReadMessageId.toHexString() } : {}),
      updatedAt: conversation.updatedAt.toISOString(),
    };
  }
}
