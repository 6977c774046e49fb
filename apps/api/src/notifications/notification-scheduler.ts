import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { memoryCache } from '../common/memory-cache';
import { isDuplicateKey } from '../database/mongo-errors';
import { DomainEvents } from '../events/domain-events';
import { isMemberView, type Viewer } from '../messages/conversation-parties';
import { sideOf, unreadOf } from '../messages/conversations.service';
import {
  ConversationRead,
  ConversationRecorded,
  type ConversationSnapshot,
  type RecordedMessage,
} from '../messages/message-events';
import { Mailer } from './mailer';
import { NotificationEmail, windowKey } from './notification-email.schema';
import { NotificationPreferencesService } from './notification-preferences.service';
import { PushSender } from './push-sender';

/** Windows this process already scheduled: further messages in them need no database write. */
const KNOWN_WINDOWS_LIMIT = 10_000;

/**
 * Listens to the messaging side: messages were recorded (a push goes out at once if a recipient
 * has no tab open, and an e-mail becomes due after the recipient's delay unless one is already
 * owed for this unread window: idempotent, so a recovery's second run changes nothing) and a
 * conversation was read (what was owed to the reader is cancelled).
 */
@Injectable()
export class NotificationScheduler implements OnModuleInit {
  private readonly logger = new Logger(NotificationScheduler.name);
  private readonly knownWindows = memoryCache<string, true>({ max: KNOWN_WINDOWS_LIMIT });

  constructor(
    @InjectModel(NotificationEmail.name) private readonly emails: Model<NotificationEmail>,
    private readonly preferences: NotificationPreferencesService,
    private readonly mailer: Mailer,
    private readonly push: PushSender,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on(ConversationRecorded, async ({ after, messages, recipients }) => {
      await Promise.all(recipients.map((recipient) => this.messageRecorded(after, recipient, messages.at(-1))));
    });
    this.events.on(ConversationRead, ({ readerId, conversationId }) => this.conversationRead(readerId, conversationId));
  }

  /**
   * Never throws: the message is already stored and delivered, an e-mail is a bonus. `newest`:
   * the newest of the messages just counted (a recovery that found none pushes nothing). The recipient is the
   * client, or one member of the garage: the conversation's assignee alone, or, when nobody is
   * assigned, each member whose preferences ask for it.
   */
  async messageRecorded(
    conversation: ConversationSnapshot,
    recipient: Viewer,
    newest?: RecordedMessage,
  ): Promise<void> {
    const recipientId = recipient.userId;
    // An assigned conversation is its assignee's to answer: the other members are not told.
    if (isMemberView(recipient) && conversation.assignee && !conversation.assignee.equals(recipientId)) return;
    // Not awaited: asking the other replicas whether the recipient is online must not delay the rest.
    if (newest) void this.push.messageRecorded(conversation, recipient, newest);
    if (!this.mailer.enabled) return;
    const side = sideOf(conversation, recipient);
    if (unreadOf(side) === 0) return;
    const key = windowKey(recipientId, conversation._id.toHexString(), side.readCount);
    if (this.knownWindows.has(key)) return;
    try {
      const preference = await this.preferences.get(recipientId);
      if (!preference.emailEnabled) return;
      const senderId = [conversation.firstUser, conversation.secondUser].find((id) => !id.equals(recipient.partyId));
      await this.emails.create({
        _id: key,
        recipient: new Types.ObjectId(recipientId),
        conversation: conversation._id,
        sender: senderId,
        status: 'pending',
        dueAt: new Date(Date.now() + preference.effectiveDelaySeconds * 1000),
        failures: 0,
      });
      this.remember(key);
    } catch (error) {
      if (isDuplicateKey(error)) this.remember(key);
      else this.logger.error(`no e-mail scheduled for ${key}: ${(error as Error).message}`);
    }
  }

  /** Never throws: the dispatcher checks the unread count again before sending anyway. */
  async conversationRead(readerId: string, conversationId: Types.ObjectId): Promise<void> {
    if (!this.mailer.enabled) return;
    try {
      await this.emails
        .updateMany(
          { recipient: new Types.ObjectId(readerId), conversation: conversationId, status: 'pending' },
          { $set: { status: 'cancelled', finishedAt: new Date() } },
        )
        .exec();
    } catch (error) {
      this.logger.error(
        `e-mails owed to ${readerId} in ${conversationId.toHexString()} not cancelled: ${(error as Error).message}`,
      );
    }
  }

  private remember(key: string): void {
    this.knownWindows.set(key, true);
  }
}
