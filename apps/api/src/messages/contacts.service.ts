import { Injectable } from '@nestjs/common';
import type { ConversationParticipant, SendMessageRequest } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import { AppointmentsService } from '../appointments/appointments.service';
import type { AuthUser } from '../auth/auth-user';
import { forbidden, notFound } from '../common/app-exception';
import { memoryCache } from '../common/memory-cache';
import type { UserProfile } from '../users/user-profile';
import { UsersService } from '../users/users.service';
import { conversationIdFor } from './conversation-id';
import { ConversationsService } from './conversations.service';

/** Conversations known to exist, remembered by id: a conversation is never deleted. */
const KNOWN_CONVERSATIONS_SIZE = 50_000;

/** Who a message goes from and to, once the send is allowed. */
export interface Admission {
  sender: UserProfile;
  recipient: UserProfile;
  conversationId: Types.ObjectId;
  /** The pair has no conversation yet: sending opens it (see `open`). */
  opens: boolean;
}

/** Who may write to whom, and whose profile a user may see. */
@Injectable()
export class ContactsService {
  private readonly knownConversations = memoryCache<string, true>({ max: KNOWN_CONVERSATIONS_SIZE });

  constructor(
    private readonly users: UsersService,
    private readonly conversations: ConversationsService,
    private readonly appointments: AppointmentsService,
  ) {}

  /**
   * Checks that the sender may send this message, changing nothing: a first message's
   * conversation is opened by `open`, once the send is known not to be a replay. Profiles and
   * the conversations known to exist come from memory, so an ordinary message in an existing
   * conversation costs no database read.
   */
  async admit(user: AuthUser, request: SendMessageRequest): Promise<Admission> {
    const [sender, recipient] = await Promise.all([
      this.users.profile(user.id),
      this.users.profile(request.recipientId),
    ]);
    if (!sender) throw notFound('This account no longer exists.');
    if (!recipient) throw notFound('No user has this id.');
    const conversationId = conversationIdFor(sender.id, recipient.id);
    const known = await this.conversationExists(conversationId);
    await this.assertCanWrite(sender, recipient, known);
    if (request.appointmentId) await this.appointments.assertLinks(request.appointmentId, sender.id, recipient.id);
    return { sender, recipient, conversationId, opens: !known };
  }

  /** Opens the admitted pair's conversation (concurrent first messages meet on the same `_id`). */
  async open({ sender, recipient, conversationId }: Admission): Promise<void> {
    await this.conversations.open(sender, recipient);
    this.remember(conversationId);
  }

  /**
   * Opens the pair's conversation if needed, without the rules of `admit`: for the notices the
   * API writes itself (a booking's change), whose caller already checked who may cause them.
   */
  async openBetween(senderId: string, recipientId: string): Promise<Types.ObjectId> {
    const conversationId = conversationIdFor(senderId, recipientId);
    if (await this.conversationExists(conversationId)) return conversationId;
    const [sender, recipient] = await Promise.all([this.users.profile(senderId), this.users.profile(recipientId)]);
    if (!sender || !recipient) throw notFound('No user has this id.');
    await this.conversations.open(sender, recipient);
    this.remember(conversationId);
    return conversationId;
  }

  /** A garagiste's profile is public to signed-in users; a client's, to the garagistes they deal with. */
  async profile(viewer: AuthUser, userId: string): Promise<ConversationParticipant> {
    const user = await this.users.profile(userId);
    if (!user) throw notFound('No user has this id.');
    const visible =
      user.role === 'garagiste' ||
      user.id === viewer.id ||
      (viewer.role === 'garagiste' &&
        ((await this.conversationExists(conversationIdFor(viewer.id, user.id))) ||
          (await this.appointments.haveBooking(user.id, viewer.id))));
    if (!visible) throw notFound('No user has this id.');
    return UsersService.toParticipant(user);
  }

  /**
   * A client may write to any garagiste; a garagiste may write to a client who booked with
   * their garage or who wrote to them first (then a conversation exists). Nobody writes to themselves.
   */
  private async assertCanWrite(
    sender: UserProfile,
    recipient: UserProfile,
    conversationExists: boolean,
  ): Promise<void> {
    if (sender._id.equals(recipient._id)) throw forbidden('You cannot write to yourself.');
    if (sender.role === recipient.role) {
      throw forbidden(
        sender.role === 'client'
          ? 'A client can only write to a garagiste.'
          : 'A garagiste can only write to a client.',
      );
    }
    if (sender.role === 'client' || conversationExists) return;
    if (!(await this.appointments.haveBooking(recipient.id, sender.id))) {
      throw forbidden('You can write to a client once they have booked with your garage or written to you.');
    }
  }

  private async conversationExists(conversationId: Types.ObjectId): Promise<boolean> {
    if (this.knownConversations.has(conversationId.toHexString())) return true;
    const exists = await this.conversations.exists(conversationId);
    if (exists) this.remember(conversationId);
    return exists;
  }

  private remember(conversationId: Types.ObjectId): void {
    this.knownConversations.set(conversationId.toHexString(), true);
  }
}
