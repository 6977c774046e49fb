import { Injectable, Logger } from '@nestjs/common';
import { ERROR_CODES, LIMITS, type MessageView, type SendMessageRequest } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import { AttachmentLinks } from '../attachments/attachment-links';
import { AttachmentsService } from '../attachments/attachments.service';
import type { AuthUser } from '../auth/auth-user';
import { conflict, forbidden, notFound } from '../common/app-exception';
import { KeyedSerialQueue } from '../common/keyed-serial-queue';
import { DrainService } from '../lifecycle/drain.service';
import { MetricsService } from '../observability/metrics.service';
import { SendRateLimiter } from '../rate-limit/send-rate-limiter';
import { ChatEvents } from '../realtime/chat-events';
import { ContactsService } from './contacts.service';
import { ConversationRecorder } from './conversation-recorder';
import { newMessageId } from './message-id';
import { MessageStore, toMessageView } from './message-store';
import type { BookingEvent, StoredMessage } from './message.schema';

/** A notice the API writes into a conversation on behalf of the person who caused it. */
export interface SystemEvent {
  /** Who caused it: the sender, for whom it is never unread. */
  senderId: string;
  recipientId: string;
  /** The notice as text, for previews, e-mails and clients that only read text. */
  content: string;
  appointmentId: string;
  bookingEvent: BookingEvent;
}

/**
 * The one path every message takes, whichever transport carried it: rate limit, admission (who
 * may write to whom), a durable insert shared with concurrent messages (group commit), delivery
 * to both people's tabs, then the conversation's preview and counts and the recipient's badge.
 *
 * One sender's messages are admitted, stored and delivered one at a time, in the order they
 * arrive; different senders' messages share inserts. A send is acknowledged once its message is
 * durable and recorded; a retry with the same clientMessageId is answered with the stored message.
 */
@Injectable()
export class SendPipeline {
  private readonly logger = new Logger(SendPipeline.name);
  private readonly senders = new KeyedSerialQueue();

  constructor(
    private readonly rateLimiter: SendRateLimiter,
    private readonly contacts: ContactsService,
    private readonly store: MessageStore,
    private readonly recorder: ConversationRecorder,
    private readonly events: ChatEvents,
    private readonly drain: DrainService,
    private readonly metrics: MetricsService,
    private readonly attachments: AttachmentsService,
    private readonly links: AttachmentLinks,
  ) {}

  send(user: AuthUser, request: SendMessageRequest): Promise<MessageView> {
    return this.drain.track(async () => {
      const { created, message, view } = await this.senders.run(user.id, async () => {
        await this.rateLimiter.consume(user.id);
        const { sender, recipient, conversationId } = await this.contacts.admit(user, request);
        const _id = newMessageId();
        // Always set (the message's own id without a clientMessageId), so that the unique index
        // needs no partial filter, which the embedded database lacks.
        const idempotencyKey = request.clientMessageId ?? _id.toHexString();
        // Reserved before the insert and marked after it: a retry finds them reserved under its key.
        const attachments = request.attachmentIds?.length
          ? await this.attachments.claim(sender._id, recipient._id, request.attachmentIds, idempotencyKey)
          : undefined;
        const stored = await this.store.insert({
          _id,
          conversation: conversationId,
          sender: sender._id,
          recipient: recipient._id,
          content: request.content,
          ...(request.appointmentId ? { appointment: new Types.ObjectId(request.appointmentId) } : {}),
          ...(request.clientMessageId ? { clientMessageId: request.clientMessageId } : {}),
          idempotencyKey,
          createdAt: new Date(),
          ...(attachments ? { attachments } : {}),
        });
        const sent = stored.message.attachments?.map((attachment) => attachment.id);
        if (sent?.length) await this.attachments.markSent(sent, stored.message._id);
        const delivered = toMessageView(stored.message, this.links);
        if (stored.created) this.events.newMessage(delivered);
        return { ...stored, view: delivered };
      });
      if (created) await this.record(message);
      return view;
    });
  }

  /**
   * Writes a booking's notice into the two people's conversation (opened if needed) on the same
   * path as a message, minus the rate limit and admission (the caller authorized the change):
   * queued behind the causer's own sends, stored by the same group commit, delivered as
   * `new-message` to both, and counted unread for the recipient only.
   */
  sendEvent(event: SystemEvent): Promise<MessageView> {
    return this.drain.track(async () => {
      const { message, view } = await this.senders.run(event.senderId, async () => {
        const conversation = await this.contacts.openBetween(event.senderId, event.recipientId);
        const _id = newMessageId();
        const stored = await this.store.insert({
          _id,
          conversation,
          sender: new Types.ObjectId(event.senderId),
          recipient: new Types.ObjectId(event.recipientId),
          content: event.content,
          appointment: new Types.ObjectId(event.appointmentId),
          idempotencyKey: _id.toHexString(),
          createdAt: new Date(),
          kind: 'booking-event',
          bookingEvent: event.bookingEvent,
        });
        const delivered = toMessageView(stored.message, this.links);
        this.events.newMessage(delivered);
        return { message: stored.message, view: delivered };
      });
      await this.record(message);
      return view;
    });
  }

  /**
   * Replaces the content of one of my messages, within LIMITS.editWindowMs of sending: the same
   * path as a send (drain, rate limit), then `message-updated` to both people and the preview.
   */
  edit(user: AuthUser, messageId: string, content: string): Promise<MessageView> {
    return this.revise(user, messageId, (message) => {
      if (Date.now() - message.createdAt.getTime() > LIMITS.editWindowMs) {
        throw conflict(ERROR_CODES.EDIT_WINDOW_PASSED, 'A message can only be edited within 15 minutes of sending it.');
      }
      return { content, editedAt: new Date() };
    });
  }

  /** Deletes one of my messages: it keeps its place in the thread, with no content. */
  delete(user: AuthUser, messageId: string): Promise<MessageView> {
    return this.revise(user, messageId, () => ({ content: '', deletedAt: new Date() }));
  }

  private revise(
    user: AuthUser,
    messageId: string,
    change: (message: StoredMessage) => { content: string; editedAt: Date } | { content: ''; deletedAt: Date },
  ): Promise<MessageView> {
    return this.drain.track(() =>
      this.senders.run(user.id, async () => {
        await this.rateLimiter.consume(user.id);
        const message = await this.store.findById(messageId);
        // Someone else's conversation answers exactly like a missing message.
        if (!message || !(message.sender.equals(user.id) || message.recipient.equals(user.id))) {
          throw notFound('You have no message with this id.');
        }
        if (!message.sender.equals(user.id)) throw forbidden('Only its author can change a message.');
        if (message.kind === 'booking-event') throw forbidden('A booking notice cannot be changed.');
        if (message.deletedAt) throw forbidden('This message was deleted.');
        const revised = await this.store.revise(message, change(message));
        if (!revised) throw forbidden('This message was deleted.');
        const view = toMessageView(revised, this.links);
        this.events.messageUpdated(view);
        await this.recorder.recordRevision(revised);
        return view;
      }),
    );
  }

  /**
   * The message is stored and delivered: if its bookkeeping keeps failing, the send still
   * succeeds, and the conversation's next message or read corrects the counts.
   */
  private async record(message: StoredMessage): Promise<void> {
    this.metrics.messagesSent.inc();
    try {
      await this.recorder.recordMessage(message);
    } catch (error) {
      this.logger.error(
        `message ${message._id.toHexString()} is stored and delivered, but its conversation was not updated: ${(error as Error).message}`,
      );
    }
  }
}
