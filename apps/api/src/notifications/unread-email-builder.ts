import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppointmentsService } from '../appointments/appointments.service';
import type { Environment } from '../config/environment';
import type { KeyRing } from '../keys/key-ring';
import { SigningKeys } from '../keys/signing-keys';
import { ConversationReader } from '../messages/conversation-reader';
import { sideOf, unreadOf } from '../messages/conversations.service';
import { isNote } from '../messages/message-events';
import { UsersService } from '../users/users.service';
import type { OutgoingEmail } from './mailer';
import { reminderBookingPath, settingsUrl, threadUrl, unsubscribeUrl } from './notification-links';
import type { NotificationEmail } from './notification-email.schema';
import { NotificationPreferencesService } from './notification-preferences.service';
import { composeUnreadEmail } from './unread-email';
import { unsubscribeToken } from './unsubscribe-token';

/** The latest unread messages an e-mail quotes. */
const QUOTED_MESSAGES = 5;
/** Messages read past the watermark to find them (deleted ones are skipped). */
const SCANNED_MESSAGES = 50;

/**
 * Reads, at sending time, what a scheduled e-mail should say. Null when it should not go out:
 * the thread was read (or its messages deleted) meanwhile, e-mails were switched off, or the
 * account is gone.
 */
@Injectable()
export class UnreadEmailBuilder {
  private readonly frontendUrl: string;
  private readonly unsubscribeKeys: KeyRing;

  constructor(
    private readonly users: UsersService,
    private readonly conversations: ConversationReader,
    private readonly appointments: AppointmentsService,
    private readonly preferences: NotificationPreferencesService,
    config: ConfigService<Environment, true>,
    keys: SigningKeys,
  ) {
    this.frontendUrl = config.get('FRONTEND_URL', { infer: true }).replace(/\/+$/, '');
    this.unsubscribeKeys = keys.unsubscribeLinks;
  }

  async build(email: NotificationEmail): Promise<OutgoingEmail | null> {
    const recipientId = email.recipient.toHexString();
    const [recipient, conversation, preference] = await Promise.all([
      this.users.findById(email.recipient),
      this.conversations.findById(email.conversation),
      this.preferences.get(email.recipient),
    ]);
    // A suspended account cannot log in to read what the e-mail would point to.
    if (!recipient || recipient.suspendedAt || !conversation || !preference.emailEnabled) return null;
    // The e-mail's sender is the other side: the garage (to its client), or the client (to each member).
    const partyId = [conversation.firstUser, conversation.secondUser].find((id) => !id.equals(email.sender));
    const other = conversation.members[email.sender.toHexString()];
    if (!partyId || !other) return null;
    const viewer = { userId: recipientId, partyId: partyId.toHexString() };
    const unreadCount = unreadOf(sideOf(conversation, viewer));
    if (unreadCount === 0) return null;

    const scanned = await this.conversations.newestUnread(conversation, viewer, SCANNED_MESSAGES);
    // The garage's internal notes are nobody's unread messages.
    const unread = scanned.filter(
      (message) => message.recipient.equals(partyId) && !message.deletedAt && !isNote(message),
    );
    if (unread.length === 0) return null;
    const quoted = unread.slice(0, QUOTED_MESSAGES).reverse();
    const aboutBooking = unread.find((message) => message.appointment)?.appointment;
    const appointment = aboutBooking ? await this.appointments.find(aboutBooking) : null;
    const bookingPath = unread.map(reminderBookingPath).find((path) => path !== null);

    return composeUnreadEmail({
      to: recipient.email,
      recipientName: recipient.name,
      senderName: other.garageName ?? other.name,
      unreadCount,
      messages: quoted.map((message) => ({ content: message.content, createdAt: message.createdAt })),
      ...(appointment
        ? {
            appointment: {
              service: appointment.service,
              garageName: appointment.garageName,
              scheduledAt: new Date(appointment.scheduledAt),
            },
          }
        : {}),
      ...(bookingPath ? { bookingUrl: `${this.frontendUrl}${bookingPath}` } : {}),
      threadUrl: threadUrl(this.frontendUrl, recipient.role, email.sender.toHexString()),
      settingsUrl: settingsUrl(this.frontendUrl, recipient.role),
      unsubscribeUrl: unsubscribeUrl(
        this.frontendUrl,
        unsubscribeToken(this.unsubscribeKeys, { userId: recipientId, version: preference.version }),
      ),
    });
  }
}
