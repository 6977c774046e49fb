import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  LIMITS,
  type ConversationsQuery,
  type ConversationView,
  type HistoryQuery,
  type MarkReadResponse,
  type MessageView,
  type Page,
  type SendMessageRequest,
} from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { AppointmentsService } from '../appointments/appointments.service';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/app-exception';
import { KeyedSerialQueue } from '../common/keyed-serial-queue';
import { isDuplicateKey } from '../database/mongo-errors';
import { retryTransient } from '../database/transient-retry';
import { DrainService } from '../lifecycle/drain.service';
import { MetricsService } from '../observability/metrics.service';
import { SendRateLimiter } from '../rate-limit/send-rate-limiter';
import { ChatEvents } from '../realtime/chat-events';
import type { UserProfile } from '../users/user-profile';
import { UsersService } from '../users/users.service';
import { ContactsService } from './contacts.service';
import type { ConversationDocument } from './conversation.schema';
import { ConversationsService } from './conversations.service';
import { newMessageId } from './message-id';
import { Message, MessageDocument } from './message.schema';

interface NewMessage {
  created: true;
  view: MessageView;
  message: MessageDocument;
  conversationId: Types.ObjectId;
  participants: [sender: UserProfile, recipient: UserProfile];
}

type StoredMessage = { created: false; view: MessageView } | NewMessage;

/**
 * Sending, reading and paging messages. The REST controller and the Socket.IO gateway both
 * call it, so a message takes the same path whichever transport carried it.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);
  private readonly sendQueue = new KeyedSerialQueue();

  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly conversations: ConversationsService,
    private readonly contacts: ContactsService,
    private readonly appointments: AppointmentsService,
    private readonly users: UsersService,
    private readonly events: ChatEvents,
    private readonly sendRateLimiter: SendRateLimiter,
    private readonly drain: DrainService,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Stores a message once (a retry with the same clientMessageId returns the stored one) and
   * delivers it. One sender's messages are stored and delivered one at a time, in the order
   * they arrive; the conversation's preview and counts follow outside that queue.
   */
  async send(sender: AuthUser, request: SendMessageRequest): Promise<MessageView> {
    return this.drain.track(async () => {
      const stored = await this.sendQueue.run(sender.id, async () => {
        await this.sendRateLimiter.consume(sender.id);
        const result = await this.store(sender, request);
        if (result.created) this.events.newMessage(result.view);
        return result;
      });
      if (stored.created) await this.record(stored);
      return stored.view;
    });
  }

  private async store(sender: AuthUser, request: SendMessageRequest): Promise<StoredMessage> {
    const [senderUser, recipient] = await Promise.all([
      this.users.profile(sender.id),
      this.users.profile(request.recipientId),
    ]);
    if (!senderUser) throw notFound('This account no longer exists.');
    if (!recipient) throw notFound('No user has this id.');
    const existing = await this.conversations.findBetween(senderUser.id, recipient.id);
    await this.contacts.assertCanWrite(senderUser, recipient, existing !== null);
    if (request.appointmentId) await this.appointments.assertLinks(request.appointmentId, senderUser.id, recipient.id);

    const conversation = existing ?? (await this.conversations.open(senderUser, recipient));
    const _id = newMessageId();
    try {
      const message = await this.messages.create({
        _id,
        conversation: conversation._id,
        sender: senderUser._id,
        recipient: recipient._id,
        content: request.content,
        ...(request.appointmentId ? { appointment: new Types.ObjectId(request.appointmentId) } : {}),
        ...(request.clientMessageId ? { clientMessageId: request.clientMessageId } : {}),
        idempotencyKey: request.clientMessageId ?? _id.toHexString(),
      });
      const view = MessagesService.toView(message);
      return { created: true, view, message, conversationId: conversation._id, participants: [senderUser, recipient] };
    } catch (error) {
      // A retry: the unique { sender, idempotencyKey } index refused it; answer with what was stored.
      const retried =
        isDuplicateKey(error) && request.clientMessageId
          ? await this.messages.findOne({ sender: senderUser._id, idempotencyKey: request.clientMessageId }).exec()
          : null;
      if (retried) return { created: false, view: MessagesService.toView(retried) };
      throw error;
    }
  }

  /**
   * Updates the conversation (preview, recipient's unread count) and the recipient's unread total,
   * then tells both people. The message is already stored and delivered: if these writes keep
   * failing, the send still succeeds and the counts catch up with the next message or read.
   */
  private async record({ message, conversationId, participants, view }: NewMessage): Promise<void> {
    this.metrics.messagesSent.inc();
    try {
      const conversation = await retryTransient(() => this.conversations.recordMessage(conversationId, message));
      const recipientTotal = await retryTransient(() => this.users.adjustUnread(message.recipient, 1));
      const [sender, recipient] = participants;
      this.publishConversation(conversation, recipient.id, recipientTotal);
      this.users.unreadTotal(sender._id).then(
        (senderTotal) => this.publishConversation(conversation, sender.id, senderTotal),
        (error: Error) => this.logger.warn(`conversation-updated for ${sender.id} not sent: ${error.message}`),
      );
    } catch (error) {
      this.logger.error(
        `message ${view.id} is stored and delivered, but its conversation was not updated: ${(error as Error).message}`,
      );
    }
  }

  private publishConversation(conversation: ConversationDocument, userId: string, unreadTotal: number): void {
    this.events.conversationUpdated(userId, {
      conversation: ConversationsService.toView(conversation, userId),
      unreadTotal,
    });
  }

  /** Marks as read everything `otherUserId` has sent me so far, and tells them. */
  async markRead(reader: AuthUser, otherUserId: string): Promise<MarkReadResponse> {
    const conversation = await this.conversations.findBetween(reader.id, otherUserId);
    if (!conversation) throw notFound('You have no conversation with this user.');
    const { conversation: updated, event, newlyRead } = await this.conversations.markRead(conversation, reader.id);
    const unreadTotal =
      newlyRead > 0 ? await this.users.adjustUnread(reader.id, -newlyRead) : await this.users.unreadTotal(reader.id);
    if (event) {
      this.events.messagesRead(event, otherUserId);
      this.publishConversation(updated, reader.id, unreadTotal);
    }
    const me = updated.members.get(reader.id);
    return {
      conversationId: updated.id,
      lastReadMessageId: me?.lastReadMessageId?.toHexString() ?? null,
      readAt: event?.readAt ?? (me?.lastReadAt ?? new Date()).toISOString(),
      unreadTotal,
    };
  }

  /** My messages with that user: the newest page, an older one (`before`) or what came `after`. */
  async history(me: AuthUser, otherUserId: string, query: HistoryQuery): Promise<Page<MessageView>> {
    const conversation = await this.conversations.findBetween(me.id, otherUserId);
    if (!conversation) {
      if (!(await this.users.profile(otherUserId))) throw notFound('No user has this id.');
      return { items: [], nextCursor: null };
    }
    return this.page({ conversation: conversation._id }, query);
  }

  /** The messages linked to a booking, for its client and its garagiste only. */
  async forAppointment(user: AuthUser, appointmentId: string, query: HistoryQuery): Promise<Page<MessageView>> {
    const appointment = await this.appointments.getVisible(appointmentId, user);
    return this.page({ appointment: appointment._id }, query);
  }

  listConversations(me: AuthUser, query: ConversationsQuery): Promise<Page<ConversationView>> {
    return this.conversations.listFor(me.id, query.cursor, query.limit ?? LIMITS.conversationPageDefaultSize);
  }

  unreadTotal(me: AuthUser): Promise<number> {
    return this.users.unreadTotal(me.id);
  }

  /** Pages by message id on an index that starts with the filter's field: never by skip. */
  private async page(filter: Record<string, Types.ObjectId>, query: HistoryQuery): Promise<Page<MessageView>> {
    const limit = query.limit ?? LIMITS.historyPageDefaultSize;
    if (query.after) {
      const newer = await this.messages
        .find({ ...filter, _id: { $gt: new Types.ObjectId(query.after) } })
        .sort({ _id: 1 })
        .limit(limit + 1)
        .exec();
      const items = newer.slice(0, limit).map(MessagesService.toView);
      return {
        items,
        nextCursor: newer.length > limit ? items[items.length - 1].id : null,
      };
    }
    const older = await this.messages
      .find({
        ...filter,
        ...(query.before ? { _id: { $lt: new Types.ObjectId(query.before) } } : {}),
      })
      .sort({ _id: -1 })
      .limit(limit + 1)
      .exec();
    const items = older.slice(0, limit).reverse().map(MessagesService.toView);
    return { items, nextCursor: older.length > limit ? items[0].id : null };
  }

  static toView(message: MessageDocument): MessageView {
    return {
      id: message.id,
      conversationId: message.conversation.toHexString(),
      senderId: message.sender.toHexString(),
      recipientId: message.recipient.toHexString(),
      content: message.content,
      ...(message.appointment ? { appointmentId: message.appointment.toHexString() } : {}),
      ...(message.clientMessageId ? { clientMessageId: message.clientMessageId } : {}),
      createdAt: message.createdAt.toISOString(),
    };
  }
}
