import { Injectable } from '@nestjs/common';
import type { ConversationParticipant } from '@promoto/shared-dto';
import { AppointmentsService } from '../appointments/appointments.service';
import type { AuthUser } from '../auth/auth-user';
import { forbidden, notFound } from '../common/app-exception';
import type { UserProfile } from '../users/user-profile';
import { UsersService } from '../users/users.service';
import { ConversationsService } from './conversations.service';

/** Who may write to whom, and whose profile a user may see. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly users: UsersService,
    private readonly conversations: ConversationsService,
    private readonly appointments: AppointmentsService,
  ) {}

  /**
   * A client may write to any garagiste; a garagiste may write to a client who booked with
   * their garage or who wrote to them first (then a conversation exists). Nobody writes to themselves.
   */
  async assertCanWrite(sender: UserProfile, recipient: UserProfile, conversationExists: boolean): Promise<void> {
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

  /** A garagiste's profile is public to signed-in users; a client's, to the garagistes they deal with. */
  async profile(viewer: AuthUser, userId: string): Promise<ConversationParticipant> {
    const user = await this.users.profile(userId);
    if (!user) throw notFound('No user has this id.');
    const visible =
      user.role === 'garagiste' ||
      user.id === viewer.id ||
      (viewer.role === 'garagiste' &&
        ((await this.conversations.findBetween(viewer.id, user.id)) !== null ||
          (await this.appointments.haveBooking(user.id, viewer.id))));
    if (!visible) throw notFound('No user has this id.');
    return UsersService.toParticipant(user);
  }
}
