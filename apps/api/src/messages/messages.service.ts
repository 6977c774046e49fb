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
import { DrainService } from '../lifecycle/drain.service';
import { MetricsService } from '../observability/metrics.service';
import { SendRateLimiter } from '../rate-limit/send-rate-limiter';
import { ChatEvents } from '../realtime/chat-events';
import type { UserDocument } from '../users/user.schema';
import { UsersService } from '../users/users.service';
import { ContactsService } from './contacts.service';
import type { ConversationDocument } from './conversation.schema';
import { ConversationsService } from './conversations.service';
import { newMessageId } from './message-id';
import { Message, MessageDocument } from './message.schema';

const DUPLICATE_KEY = 11000;

type StoredMessage =
  | { created: false; view: MessageView }
  | {
      created: true;
      view: MessageView;
      conversation: ConversationDocument;
      participants: UserDocument[];
    };

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
   * delivers it. One sender's messages are handled one at a time, in the order they arrive.
   */
  async send(sender: AuthUser, request: SendMessageRequest): Promise<MessageView> {
    const stored = await this.drain.track(() => this.sendInOrder(sender, request));
    if (stored.created) {
      this.metrics.messagesSent.inc();
      this.publishConversation(stored.conversation, stored.participants);
    }
    return stored.view;
  }

  private sendInOrder(sender: AuthUser, request: SendMessageRequest): Promise<StoredMessage> {
    return this.sendQueue.run(sender.id, async () => {
      await this.sendRateLimiter.consume(sender.id);
      const result = await this.store(sender, request);
      // Emitted inside the queue so that recipients get one sender's messages in send order.
      if (result.created) this.events.newMessage(result.view);
      return result;
    });
  }

  private async store(sender: AuthUser, request: SendMessageRequest): Promise<StoredMessage> {
    if (request.clientMessageId) {
      const retried = await this.findRetry(sender.id, request.clientMessageId);
      if (retried) return { created: false, view: retried };
    }
    const [senderUser, recipient] = await Promise.all([
      this.users.findById(sender.id),
      this.users.findById(request.recipientId),
    ]);
    if (!senderUser) throw notFound('This account no longer exists.');
    if (!recipient) throw notFound('No user has this id.');
    const existing = await this.conversations.findBetween(senderUser.id, recipient.id);
    await this.contacts.assertCanWrite(senderUser, recipient, existing !== null);
    if (request.appointmentId) await this.appointments.assertLinks(request.appointmentId, senderUser.id, recipient.id);

    const conversation = existing ?? (await this.conversations.open(senderUser, recipient));
    const _id = newMessageId();
    let message: MessageDocument;
    try {
      message = await this.messages.create({
        _id,
        conversation: conversation._id,
        sender: senderUser._id,
        recipient: recipient._id,
        content: request.content,
        ...(request.appointmentId ? { appointment: new Types.ObjectId(request.appointmentId) } : {}),
        ...(request.clientMessageId ? { clientMessageId: request.clientMessageId } : {}),
        idempotencyKey: request.clientMessageId ?? _id.toHexString(),
      });
    } catch (error) {
      // The same retry raced in through another replica: answer with what it stored.
      const retried =
        (error as { code?: number }).code === DUPLICATE_KEY && request.clientMessageId
          ? await this.findRetry(sender.id, request.clientMessageId)
          : null;
      if (retried) return { created: false, view: retried };
      throw error;
    }
    return {
      created: true,
      view: MessagesService.toView(message),
      conversation: await this.conversations.recordMessage(conversation._id, message),
      participants: [senderUser, recipient],
    };
  }

  private async findRetry(senderId: string, clientMessageId: string): Promise<MessageView | null> {
    const message = await this.messages.findOne({ sender: senderId, idempotencyKey: clientMessageId }).exec();
    return message ? MessagesService.toView(message) : null;
  }

  /** Tells both participants their conversation changed, with their own unread total. */
  private publishConversation(conversation: ConversationDocument, participants: UserDocument[]): void {
    Promise.all(participants.map((user) => this.publishConversationTo(user.id, conversation))).catch((error: Error) =>
      this.logger.warn(`conversation-updated for ${conversation.id} not sent: ${error.message}`),
    );
  }

  private async publishConversationTo(userId: string, conversation: ConversationDocument): Promise<void> {
    const unreadTotal = await this.conversations.unreadTotal(userId);
    this.events.conversationUpdated(userId, {
      conversation: ConversationsService.toView(conversation, userId),
      unreadTotal,
    });
  }

  /** Marks as read everything `otherUserId` has sent me so far, and tells them. */
  async markRead(reader: AuthUser, otherUserId: string): Promise<MarkReadResponse> {
    const conversation = await this.conversations.findBetween(reader.id, otherUserId);
    if (!conversation) throw notFound('You have no conversation with this user.');
    const { conversation: updated, event } = await this.conversations.markRead(conversation, reader.id);
    const unreadTotal = await this.conversations.unreadTotal(reader.id);
    if (event) {
      this.events.messagesRead(event, otherUserId);
      this.events.conversationUpdated(reader.id, {
        conversation: ConversationsService.toView(updated, reader.id),
        unreadTotal,
      });
    }
    const watermark = updated.members.get(reader.id)?.lastReadMessageId;
    return {
      conversationId: updated.id,
      lastReadMessageId: watermark?.toHexString() ?? null,
      readAt: event?.readAt ?? (updated.members.get(reader.id)?.lastReadAt ?? new Date()).toISOString(),
      unreadTotal,
    };
  }

  /** My messages with that user: the newest page, an older one (`before`) or what came `after`. */
  async history(me: AuthUser, otherUserId: string, query: HistoryQuery): Promise<Page<MessageView>> {
    const conversation = await this.conversations.findBetween(me.id, otherUserId);
    if (!conversation) {
      if (!(await this.users.findById(otherUserId))) throw notFound('No user has this id.');
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
    return this.conversations.unreadTotal(me.id);
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
