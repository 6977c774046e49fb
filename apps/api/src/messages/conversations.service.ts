import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ConversationFolder, ConversationView, MessagesReadEvent, Page } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { isDuplicateKey } from '../database/mongo-errors';
import type { UserProfile } from '../users/user-profile';
import { conversationIdFor } from './conversation-id';
import { Conversation, Member } from './conversation.schema';
import { laterId, newMessageId } from './message-id';
import type { StoredMessage } from './message.schema';
import { previewContent, previewOf } from './preview';
import { awaitingAfter } from './reply-state';

/** Above every id: the open end of a range that the embedded database can still read from an index. */
export const MAX_OBJECT_ID = new Types.ObjectId('ffffffffffffffffffffffff');

const memberOf = (user: UserProfile): Member => ({
  name: user.name,
  role: user.role,
  ...(user.garageName ? { garageName: user.garageName } : {}),
  receivedCount: 0,
  readCount: 0,
});

/** The field holding `userId`'s folder, given the other person (the smaller id is the first user). */
const folderField = (userId: string, otherUserId: string) => (userId < otherUserId ? 'firstFolder' : 'secondFolder');

/** A member's unread count: what they received minus what they read, never below zero. */
export const unreadOf = (member: Member | undefined) =>
  Math.max(0, (member?.receivedCount ?? 0) - (member?.readCount ?? 0));

export interface ReadResult {
  conversation: Conversation;
  /** Null when there was nothing new to read. */
  event: MessagesReadEvent | null;
}

/** The conversation documents: one per pair, holding the preview, unread counts and watermarks. */
@Injectable()
export class ConversationsService {
  constructor(
    @InjectModel(Conversation.name)
    private readonly conversations: Model<Conversation>,
  ) {}

  findBetween(userA: string, userB: string): Promise<Conversation | null> {
    return this.conversations.findById(conversationIdFor(userA, userB)).lean<Conversation>().exec();
  }

  async exists(conversationId: Types.ObjectId): Promise<boolean> {
    return (await this.conversations.exists({ _id: conversationId }).exec()) !== null;
  }

  /** The ids of every conversation `userId` is part of, in any folder. */
  async idsOf(userId: string): Promise<Types.ObjectId[]> {
    const me = new Types.ObjectId(userId);
    const read = (side: 'firstUser' | 'secondUser') =>
      this.conversations
        .find({ [side]: me })
        .select({ _id: 1 })
        .lean<{ _id: Types.ObjectId }[]>()
        .exec();
    const [asFirst, asSecond] = await Promise.all([read('firstUser'), read('secondUser')]);
    return [...asFirst, ...asSecond].map(({ _id }) => _id);
  }

  /** Shows a member under another name, with no garage's; answers the document after, or null when it is gone. */
  renameMember(conversationId: Types.ObjectId, userId: string, name: string): Promise<Conversation | null> {
    return this.conversations
      .findOneAndUpdate(
        { _id: conversationId },
        { $set: { [`members.${userId}.name`]: name }, $unset: { [`members.${userId}.garageName`]: 1 } },
        { returnDocument: 'after' },
      )
      .lean<Conversation>()
      .exec();
  }

  /** The conversation if this user is part of it, otherwise null. */
  async findForMember(conversationId: string, userId: string): Promise<Conversation | null> {
    const conversation = await this.conversations.findById(conversationId).lean<Conversation>().exec();
    return conversation && ConversationsService.isMember(conversation, userId) ? conversation : null;
  }

  /** Creates the pair's conversation unless it exists; concurrent first messages meet on the same `_id`. */
  async open(sender: UserProfile, recipient: UserProfile): Promise<void> {
    const [first, second] = sender.id < recipient.id ? [sender, recipient] : [recipient, sender];
    try {
      await this.conversations
        .updateOne(
          { _id: conversationIdFor(sender.id, recipient.id) },
          {
            $setOnInsert: {
              firstUser: first._id,
              secondUser: second._id,
              firstFolder: 'inbox',
              secondFolder: 'inbox',
              activity: newMessageId(),
              members: { [sender.id]: memberOf(sender), [recipient.id]: memberOf(recipient) },
            },
          },
          { upsert: true },
        )
        .exec();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /**
   * Records the next messages after the summary's watermark, in their order, in one update
   * conditional on that watermark: their preview, each recipient's received count, each
   * member's unanswered message, both people's inbox. Answers the document as the database left
   * it, or null when the watermark moved meanwhile (another replica or a recovery recorded them).
   */
  async recordMessages(before: Conversation, messages: readonly StoredMessage[]): Promise<Conversation | null> {
    const newest = messages[messages.length - 1];
    const set: Record<string, unknown> = {
      recorded: { seq: newest.seq ?? 0, id: newest._id },
      lastMessage: {
        id: newest._id,
        senderId: newest.sender,
        content: previewOf(previewContent(newest)),
        ...(newest.appointment ? { appointmentId: newest.appointment } : {}),
        createdAt: newest.createdAt,
      },
      activity: laterId(before.activity, newest._id),
      firstFolder: 'inbox',
      secondFolder: 'inbox',
      updatedAt: new Date(),
    };
    const inc: Record<string, number> = {};
    for (const message of messages) {
      const path = `members.${message.recipient.toHexString()}.receivedCount`;
      inc[path] = (inc[path] ?? 0) + 1;
    }
    const unset: Record<string, ''> = {};
    for (const [userId, awaiting] of awaitingAfter(before.members, messages)) {
      if (awaiting) set[`members.${userId}.awaitingReply`] = awaiting;
      else unset[`members.${userId}.awaitingReply`] = '';
    }
    const watermark = before.recorded ? { 'recorded.seq': before.recorded.seq } : { recorded: { $exists: false } };
    // The driver's own call: the values are already typed, so Mongoose's casting and timestamps
    // would only cost time (updatedAt is set here instead).
    return (await this.conversations.collection.findOneAndUpdate(
      { _id: before._id, ...watermark },
      { $set: set, $inc: inc, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
      { returnDocument: 'after' },
    )) as Conversation | null;
  }

  findById(conversationId: Types.ObjectId): Promise<Conversation | null> {
    return this.conversations.findById(conversationId).lean<Conversation>().exec();
  }

  /**
   * Follows an edit or a deletion in the preview when that message is the conversation's newest;
   * null when it is not (the preview shows another message).
   */
  reviseLastMessage(message: StoredMessage): Promise<Conversation | null> {
    return this.conversations
      .findOneAndUpdate(
        { _id: message.conversation, 'lastMessage.id': message._id },
        {
          $set: {
            'lastMessage.content': previewOf(message.content),
            ...(message.deletedAt ? { 'lastMessage.deletedAt': message.deletedAt } : {}),
          },
        },
        { returnDocument: 'after', timestamps: false },
      )
      .lean<Conversation>()
      .exec();
  }

  /**
   * Marks read everything the reader had received when the conversation was read: one update by
   * `_id`, whatever the backlog. The watermark and the read count only go up (`$max`), so a
   * message arriving meanwhile stays unread and two tabs reading at once agree.
   */
  async markRead(conversation: Conversation, readerId: string): Promise<ReadResult> {
    const member = conversation.members[readerId];
    const newest = conversation.lastMessage?.id;
    if (!newest || (unreadOf(member) === 0 && member?.lastReadMessageId?.equals(newest))) {
      return { conversation, event: null };
    }
    const readAt = new Date();
    const path = `members.${readerId}`;
    const updated = await this.conversations
      .findOneAndUpdate(
        { _id: conversation._id },
        {
          $max: { [`${path}.readCount`]: member?.receivedCount ?? 0, [`${path}.lastReadMessageId`]: newest },
          $set: { [`${path}.lastReadAt`]: readAt },
        },
        { returnDocument: 'after', timestamps: false },
      )
      .lean<Conversation>()
      .exec();
    if (!updated) throw new Error(`conversation ${conversation._id.toHexString()} vanished`);
    const read = updated.members[readerId]?.lastReadMessageId;
    const watermark = read ? laterId(read, newest) : newest;
    return {
      conversation: updated,
      event: {
        conversationId: conversation._id.toHexString(),
        readerId,
        lastReadMessageId: watermark.toHexString(),
        readAt: readAt.toISOString(),
      },
    };
  }

  /**
   * Puts my conversation with that user in one of my folders (theirs is left alone); null when we
   * have no conversation. Changes nothing else, updatedAt included.
   */
  setFolder(userId: string, otherUserId: string, folder: ConversationFolder): Promise<Conversation | null> {
    return this.conversations
      .findOneAndUpdate(
        { _id: conversationIdFor(userId, otherUserId) },
        { $set: { [folderField(userId, otherUserId)]: folder } },
        { returnDocument: 'after', timestamps: false },
      )
      .lean<Conversation>()
      .exec();
  }

  /**
   * My conversations in one folder, newest activity first, paged by activity. I am the first or
   * the second user of each: two index range reads ({ user, folder, activity }), merged.
   */
  async listFor(
    userId: string,
    folder: ConversationFolder,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<ConversationView>> {
    const me = new Types.ObjectId(userId);
    const before = { $lt: cursor ? new Types.ObjectId(cursor) : MAX_OBJECT_ID };
    const read = (side: 'first' | 'second') =>
      this.conversations
        .find({ [`${side}User`]: me, [`${side}Folder`]: folder, activity: before })
        .sort({ activity: -1 })
        .limit(limit + 1)
        .lean<Conversation[]>()
        .exec();
    const [asFirst, asSecond] = await Promise.all([read('first'), read('second')]);
    const found = [...asFirst, ...asSecond].sort((a, b) =>
      a.activity.toHexString() < b.activity.toHexString() ? 1 : -1,
    );
    const page = found.slice(0, limit);
    return {
      items: page.map((conversation) => ConversationsService.toView(conversation, userId)),
      nextCursor: found.length > limit ? page[page.length - 1].activity.toHexString() : null,
    };
  }

  static isMember(conversation: Conversation, userId: string): boolean {
    return conversation.firstUser.equals(userId) || conversation.secondUser.equals(userId);
  }

  static otherParticipant(conversation: Conversation, userId: string): string {
    return (conversation.firstUser.equals(userId) ? conversation.secondUser : conversation.firstUser).toHexString();
  }

  /** The conversation as `userId` sees it. */
  static toView(conversation: Conversation, userId: string): ConversationView {
    const otherId = ConversationsService.otherParticipant(conversation, userId);
    const other = conversation.members[otherId];
    const last = conversation.lastMessage;
    return {
      id: conversation._id.toHexString(),
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
              ...(last.deletedAt ? { deletedAt: last.deletedAt.toISOString() } : {}),
            },
          }
        : {}),
      unreadCount: unreadOf(conversation.members[userId]),
      archived:
        (conversation.firstUser.equals(userId) ? conversation.firstFolder : conversation.secondFolder) === 'archived',
      ...(other?.lastReadMessageId ? { otherLastReadMessageId: other.lastReadMessageId.toHexString() } : {}),
      updatedAt: conversation.updatedAt.toISOString(),
    };
  }
}
