import { Injectable, Logger } from '@nestjs/common';
import type { MessageView, SendMessageRequest } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { KeyedSerialQueue } from '../common/keyed-serial-queue';
import { DrainService } from '../lifecycle/drain.service';
import { MetricsService } from '../observability/metrics.service';
import { SendRateLimiter } from '../rate-limit/send-rate-limiter';
import { ChatEvents } from '../realtime/chat-events';
import { ContactsService } from './contacts.service';
import { ConversationRecorder } from './conversation-recorder';
import { newMessageId } from './message-id';
import { MessageStore, toMessageView } from './message-store';
import type { StoredMessage } from './message.schema';

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
  ) {}

  send(user: AuthUser, request: SendMessageRequest): Promise<MessageView> {
    return this.drain.track(async () => {
      const { created, message, view } = await this.senders.run(user.id, async () => {
        await this.rateLimiter.consume(user.id);
        const { sender, recipient, conversationId } = await this.contacts.admit(user, request);
        const _id = newMessageId();
        const stored = await this.store.insert({
          _id,
          conversation: conversationId,
          sender: sender._id,
          recipient: recipient._id,
          content: request.content,
          ...(request.appointmentId ? { appointment: new Types.ObjectId(request.appointmentId) } : {}),
          ...(request.clientMessageId ? { clientMessageId: request.clientMessageId } : {}),
          // Always set (the message's own id without a clientMessageId), so that the unique index
          // needs no partial filter, which the embedded database lacks.
          idempotencyKey: request.clientMessageId ?? _id.toHexString(),
          createdAt: new Date(),
        });
        const delivered = toMessageView(stored.message);
        if (stored.created) this.events.newMessage(delivered);
        return { ...stored, view: delivered };
      });
      if (created) await this.record(message);
      return view;
    });
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
