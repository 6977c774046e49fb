import { Injectable } from '@nestjs/common';
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
import { DomainEvents } from '../events/domain-events';
import { ChatEvents } from '../realtime/chat-events';
import { ContactsService } from './contacts.service';
import { isMemberView, viewerOf } from './conversation-parties';
import { ConversationsService } from './conversations.service';
import { ConversationRecorder } from './conversation-recorder';
import { MessageRecorded } from './message-events';
import { MessageStore, toMessageView } from './message-store';
import {
  isNote,
  type AwayNotice,
  type BookingEvent,
  type QuoteContent,
  type QuoteDecisionContent,
  type StoredMessage,
  type VehicleReminderNotice,
} from './message.schema';

/** A notice the API writes into a client's conversation with a garage, on behalf of who caused it. */
export type SystemEvent = {
  /** Who caused it: the client, a member of the garage, or the garage itself (its id, for an away notice). */
  senderId: string;
  /** The side it comes from, for which it is never unread. */
  from: 'client' | 'garage';
  /** The member's name, when a member of the garage caused it. */
  senderName?: string;
  clientId: string;
  garageId: string;
  /** The notice as text, for previews, e-mails and clients that only read text. */
  content: string;
  /**
   * Names the notice when several writers may write it (replicas answering the same closed period):
   * it is stored once, and only its first writer records it. A fresh one for each notice when absent.
   */
  idempotencyKey?: string;
} & (
  | { kind: 'booking-event'; appointmentId: string; bookingEvent: BookingEvent }
  | { kind: 'away-notice'; awayNotice: AwayNotice }
  | { kind: 'quote-decision'; appointmentId: string; quoteDecision: QuoteDecisionContent }
  | { kind: 'vehicle-reminder'; vehicleReminder: VehicleReminderNotice }
);

/** What a person sends that is more than text and files: a garage member's quote. */
export type StructuredContent = { kind: 'quote'; quote: QuoteContent };

/**
 * The one path every message takes, whichever transport carried it, read top to bottom: who may
 * write (rate limit, admission) → the idempotent insert (a retried clientMessageId is answered
 * with the message stored the first time, and looked up before anything else changes) → the
 * acknowledgement, once the message is durable → `MessageRecorded`, whose listeners deliver it
 * and keep summaries, badges, notifications and counts in step (message-events.ts), never in
 * the acknowledgement's way.
 *
 * One sender's messages are admitted and stored one at a time, in the order they arrive;
 * different senders' messages share inserts (group commit, MessageStore).
 */
@Injectable()
export class SendPipeline {
  private readonly senders = new KeyedSerialQueue();

  constructor(
    private readonly rateLimiter: SendRateLimiter,
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
    private readonly store: MessageStore,
    private readonly recorder: ConversationRecorder,
    private readonly events: DomainEvents,
    private readonly chat: ChatEvents,
    private readonly drain: DrainService,
    private readonly metrics: MetricsService,
    private readonly attachments: AttachmentsService,
    private readonly links: AttachmentLinks,
  ) {}

  /**
   * `origin`: the socket that sent it, which gets it in its acknowledgement instead of `new-message`.
   * `structured`: what the message carries beyond its text (a quote), checked by its module.
   */
  send(
    user: AuthUser,
    request: SendMessageRequest,
    origin?: string,
    structured?: StructuredContent,
  ): Promise<MessageView> {
    return this.drain.track(() =>
      this.senders.run(user.id, async () => {
        await this.rateLimiter.consume(user.id);
        if (request.note && user.role !== 'garagiste') throw forbidden("Only a garage's members write internal notes.");
        const admission = await this.contacts.admit(user, request);
        // A note never opens a conversation: the client would find an empty one in their list.
        if (request.note && admission.opens) {
          throw notFound('Your garage has no conversation with this client yet: a note goes into an existing one.');
        }
        const idempotencyKey = request.clientMessageId ?? new Types.ObjectId().toHexString();
        if (admission.opens || request.attachmentIds?.length) {
          const earlier = await this.store.findSent(admission.sender._id, idempotencyKey);
          if (earlier) return this.replay(earlier, admission.to.id);
        }
        if (admission.opens) await this.contacts.open(admission);
        const recipient = new Types.ObjectId(admission.to.id);
        const attachments = request.attachmentIds?.length
          ? await this.attachments.claim(
              admission.sender._id,
              // A note's files are the garage's: the client is not among those who may open them.
              request.note ? new Types.ObjectId(admission.from.id) : recipient,
              request.attachmentIds,
              idempotencyKey,
              admission.from.role === 'garagiste' ? new Types.ObjectId(admission.from.id) : undefined,
            )
          : undefined;
        const stored = await this.store.insert({
          conversation: admission.conversationId,
          sender: admission.sender._id,
          recipient,
          garage: new Types.ObjectId(admission.from.role === 'client' ? admission.to.id : admission.from.id),
          ...(admission.from.role === 'garagiste' ? { senderName: admission.sender.name } : {}),
          content: request.content,
          ...(request.appointmentId ? { appointment: new Types.ObjectId(request.appointmentId) } : {}),
          ...(request.clientMessageId ? { clientMessageId: request.clientMessageId } : {}),
          idempotencyKey,
          ...(attachments ? { attachments } : {}),
          ...structured,
          ...(request.note ? { kind: 'note' as const } : {}),
        });
        if (!stored.created) return this.replay(stored.message, admission.to.id);
        if (attachments)
          await this.attachments.markSent(
            attachments.map(({ id }) => id),
            stored.message._id,
          );
        return this.recorded(stored.message, origin);
      }),
    );
  }

  /**
   * Writes a notice (a booking's change, the garage's away notice) into the client's conversation
   * with the garage (opened if needed) on the same path as a message, minus the rate limit and
   * admission (the caller authorized it): queued behind the causer's own sends, stored by the same
   * group commit, delivered as `new-message` to both sides, and counted unread for the other side only.
   * A notice whose idempotencyKey is already stored is answered with the stored one, recorded once.
   */
  sendEvent(event: SystemEvent): Promise<MessageView> {
    return this.drain.track(() =>
      this.senders.run(event.senderId, async () => {
        const conversation = await this.contacts.openBetween(event);
        const stored = await this.store.insert({
          conversation,
          sender: new Types.ObjectId(event.senderId),
          recipient: new Types.ObjectId(event.from === 'client' ? event.garageId : event.clientId),
          garage: new Types.ObjectId(event.garageId),
          ...(event.senderName ? { senderName: event.senderName } : {}),
          content: event.content,
          idempotencyKey: event.idempotencyKey ?? new Types.ObjectId().toHexString(),
          ...SendPipeline.noticeFields(event),
        });
        return stored.created ? this.recorded(stored.message) : toMessageView(stored.message, this.links);
      }),
    );
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

  /** Deletes one of my messages: it keeps its place in the thread, with no content and no files. */
  async delete(user: AuthUser, messageId: string): Promise<MessageView> {
    const view = await this.revise(user, messageId, () => ({ content: '', deletedAt: new Date() }));
    await this.attachments.discardOf(messageId);
    return view;
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
        const viewer = viewerOf(user);
        // Someone else's conversation, and to the client the garage's internal note, answer exactly like a missing message.
        if (
          !message ||
          (isNote(message) && !isMemberView(viewer)) ||
          !(await this.conversations.findForViewer(message.conversation.toHexString(), viewer))
        ) {
          throw notFound('You have no message with this id.');
        }
        if (!message.sender.equals(user.id)) throw forbidden('Only its author can change a message.');
        if (message.kind !== undefined && !isNote(message)) {
          throw forbidden('A notice written by the API cannot be changed.');
        }
        if (message.deletedAt) throw forbidden('This message was deleted.');
        const revised = await this.store.revise(message, change(message));
        if (!revised) throw forbidden('This message was deleted.');
        const view = toMessageView(revised, this.links);
        this.chat.messageUpdated(view);
        await this.recorder.recordRevision(revised);
        return view;
      }),
    );
  }

  /** What a notice stores besides its text: its kind and typed payload (and the booking it is about). */
  private static noticeFields(
    event: SystemEvent,
  ): Pick<StoredMessage, 'kind' | 'appointment' | 'bookingEvent' | 'awayNotice' | 'quoteDecision' | 'vehicleReminder'> {
    switch (event.kind) {
      case 'booking-event':
        return {
          kind: event.kind,
          appointment: new Types.ObjectId(event.appointmentId),
          bookingEvent: event.bookingEvent,
        };
      case 'quote-decision':
        return {
          kind: event.kind,
          appointment: new Types.ObjectId(event.appointmentId),
          quoteDecision: event.quoteDecision,
        };
      case 'away-notice':
        return { kind: event.kind, awayNotice: event.awayNotice };
      case 'vehicle-reminder':
        return { kind: event.kind, vehicleReminder: event.vehicleReminder };
    }
  }

  /** The acknowledgement's view; the listeners get the message once it is returned. */
  private recorded(message: StoredMessage, origin?: string): MessageView {
    this.metrics.messagesSent.inc();
    const view = toMessageView(message, this.links);
    void this.events.publish(new MessageRecorded(message, view, origin));
    return view;
  }

  /**
   * A retried send: answered with the message stored the first time (its attachments marked
   * sent, if the first attempt stopped before), unless it names another recipient, which is
   * refused and changes nothing (any member's id names the same garage; the first recipient keeps the message, its attachments and
   * their links).
   */
  private async replay(earlier: StoredMessage, recipientSide: string): Promise<MessageView> {
    if (!earlier.recipient.equals(recipientSide)) {
      throw conflict(
        ERROR_CODES.CONFLICT,
        'This clientMessageId was already used for a message to someone else: use a new one for this message.',
      );
    }
    // The first attempt may have stopped between its insert and this mark: the retry finishes it.
    const sent = earlier.attachments?.map(({ id }) => id);
    if (sent?.length) await this.attachments.markSent(sent, earlier._id);
    return toMessageView(earlier, this.links);
  }
}
