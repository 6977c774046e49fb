import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../events/domain-events';
import { MemberJoined } from '../team/team-events';
import { UsersService } from '../users/users.service';
import { ConversationsService } from './conversations.service';

/**
 * A member who joins the garage has read what it received before them: in each of its
 * conversations their own reading starts at the garage's received count, and their badge's read
 * total at the sum. A newcomer did not receive those messages and colleagues answered them; shown
 * as unread, the garage's whole past would bury the messages that are now theirs to answer, and
 * an unread e-mail or push would never be owed for it anyway. What arrives from then on is unread
 * for them as for everyone.
 */
@Injectable()
export class MemberReadBaseline implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.events.on(MemberJoined, async ({ garageId, userId }) => {
      await this.users.setGarageReadTotal(userId, await this.conversations.readBaseline(garageId, userId));
    });
  }
}
