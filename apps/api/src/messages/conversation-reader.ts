import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  CONVERSATION_FOLDERS,
  LIMITS,
  type ConversationView,
  type MessageView,
  type Page,
  type ReportedMessage,
} from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { ContactsService } from './contacts.service';
import type { ConversationSides } from '../common/conversation-sides';
import { isMemberView, viewerOf, type Viewer } from './conversation-parties';
import { ConversationsService, sideOf } from './conversations.service';
import type { ConversationSnapshot, RecordedMessage } from './message-events';
import { MessageStore } from './message-store';
import { isNote, Message } from './message.schema';
import { previewContent, previewOf } from './preview';

const BEFORE_EVERY_ID = new Types.ObjectId('000000000000000000000000');

/** A message or a conversation a person may report, and the side reporting it. */
export interface ReportableTarget {
  /** The reporting side: the client's id, or the garage's. */
  reporterSide: string;
  conversationId: Types.ObjectId;
  sides: ConversationSides;
  /** The message, and who wrote it, when one message is reported. */
  messageId?: Types.ObjectId;
  authorId?: Types.ObjectId;
}

/** What other modules may read of conversations and their messages (they never read the collections). */
@Injectable()
export class ConversationReader {
  constructor(
    private readonly conversations: ConversationsService,
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly store: MessageStore,
    private readonly contacts: ContactsService,
  ) {}

  /**
   * Every conversation of the user, in every folder, as they see it, a page at a time: a client's
   * own, a garage's member's the garage's.
   */
  async *conversationsOf(user: AuthUser): AsyncGenerator<ConversationView[]> {
    const viewer = viewerOf(user);
    for (const folder of CONVERSATION_FOLDERS) {
      let cursor: string | undefined;
      do {
        const page = await this.conversations.listFor(viewer, folder, cursor, LIMITS.conversationPageMaxSize);
        yield page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  }

  /**
   * Every message of a conversation as served to the user, oldest first, a page at a time: the
   * garage's internal notes to its members only.
   */
  async *messagesOf(conversationId: string, user: AuthUser): AsyncGenerator<MessageView[]> {
    const withNotes = isMemberView(viewerOf(user));
    let after: string | null = BEFORE_EVERY_ID.toHexString();
    while (after) {
      const page = await this.store.page(
        { conversation: new Types.ObjectId(conversationId) },
        { after, limit: LIMITS.historyPageMaxSize },
        withNotes,
      );
      yield page.items;
      after = page.nextCursor;
    }
  }

  /**
   * What the user may report: a message the other side wrote in a conversation of theirs, or the
   * conversation with the side `userId` names (as the thread routes name it); null otherwise.
   */
  async reportable(user: AuthUser, target: { messageId?: string; userId?: string }): Promise<ReportableTarget | null> {
    const viewer = viewerOf(user);
    if (target.messageId !== undefined) {
      const message = await this.store.findById(target.messageId);
      const conversation =
        message && (await this.conversations.findForViewer(message.conversation.toHexString(), viewer));
      // A garage's internal note is its members' own: to the client it does not exist.
      if (!message || !conversation || isNote(message)) return null;
      const sides = ConversationsService.sidesOf(conversation);
      const fromClient = message.sender.equals(sides.clientId);
      // A message of my own side (mine, or a colleague's) is not mine to report.
      if (fromClient !== isMemberView(viewer)) return null;
      return {
        reporterSide: viewer.partyId,
        conversationId: conversation._id,
        sides,
        messageId: message._id,
        authorId: message.sender,
      };
    }
    if (target.userId === undefined) return null;
    const conversation = await this.conversations.findBetween(
      viewer.partyId,
      await this.contacts.otherSide(target.userId),
    );
    return conversation
      ? {
          reporterSide: viewer.partyId,
          conversationId: conversation._id,
          sides: ConversationsService.sidesOf(conversation),
        }
      : null;
  }

  /**
   * A page of the conversation as its client reads it (the garage's internal notes left out),
   * oldest first from after `cursor`: what an admin reads of a reported conversation.
   */
  clientPage(conversationId: Types.ObjectId, cursor: string | undefined, limit: number): Promise<Page<MessageView>> {
    return this.store.page(
      { conversation: conversationId },
      { after: cursor ?? BEFORE_EVERY_ID.toHexString(), limit },
      false,
    );
  }

  /**
   * Reported messages as they read now, by id (one read for them all): the start of each one's
   * content (or files), and whether its author deleted it. A message erased since is left out.
   */
  async reportedMessages(messageIds: readonly Types.ObjectId[]): Promise<Map<string, ReportedMessage>> {
    if (messageIds.length === 0) return new Map();
    const found = await this.messages
      .find({ _id: { $in: messageIds } }, { content: 1, attachments: 1, createdAt: 1, deletedAt: 1 })
      .lean<Pick<RecordedMessage, '_id' | 'content' | 'attachments' | 'createdAt' | 'deletedAt'>[]>()
      .exec();
    return new Map(
      found.map((message) => [
        message._id.toHexString(),
        {
          id: message._id.toHexString(),
          excerpt: previewOf(previewContent(message)),
          createdAt: message.createdAt.toISOString(),
          ...(message.deletedAt ? { deletedAt: message.deletedAt.toISOString() } : {}),
        },
      ]),
    );
  }

  findById(conversationId: Types.ObjectId): Promise<ConversationSnapshot | null> {
    return this.conversations.findById(conversationId);
  }

  /** The newest messages after the viewer's read watermark, newest first, at most `limit` (sent by anyone). */
  newestUnread(conversation: ConversationSnapshot, viewer: Viewer, limit: number): Promise<RecordedMessage[]> {
    const watermark = sideOf(conversation, viewer).lastReadMessageId ?? BEFORE_EVERY_ID;
    return this.messages
      .find({ conversation: conversation._id, _id: { $gt: watermark } })
      .sort({ _id: -1 })
      .limit(limit)
      .lean<RecordedMessage[]>()
      .exec();
  }
}
