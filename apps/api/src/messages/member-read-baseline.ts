import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../events/domain-events';
import { MemberJoined } from '../team/team-events';
import { UsersService } from '../users/users.service';
import { ConversationRecorder } from './conversation-recorder';
import { ConversationsService } from './conversations.service';

/**
 * A member who joins the garage has read what it received before them: in each of its
 * conversations their own reading starts at the garage's received count, and their badge's read
 * total at the sum. A newcomer did not receive those messages and colleagues answered them; shown
 * as unread, the garage's whole past would bury the messages that are now theirs to answer, and
 * no unread e-mail or push was ever owed to them for it. What arrives from then on is unread for
 * them as for everyone.
 *
 * The readings take one write per conversation, so they are written after the invitation's
 * answer, in the background, the badge's read total raised by what each batch wrote: until they
 * land, the garage's past still counts unread for the newcomer, less and less. Once they are
 * written, the newcomer's open tabs are told (their badge, their inbox's newest page).
 */
@Injectable()
export class MemberReadBaseline implements OnModuleInit {
  private readonly logger = new Logger(MemberReadBaseline.name);

  constructor(
    private readonly events: DomainEvents,
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
    private readonly recorder: ConversationRecorder,
  ) {}

  onModuleInit(): void {
    this.events.on(MemberJoined, ({ garageId, userId }) => {
      void this.give(garageId, userId).catch((error: Error) =>
        this.logger.error(`no read baseline for ${userId} in ${garageId}: ${error.message}`),
      );
    });
  }

  private async give(garageId: string, userId: string): Promise<void> {
    let given = 0;
    await this.conversations.giveReadBaseline(userId, await this.conversations.readBaseline(garageId), async (read) => {
      if (read === 0) return;
      await this.users.addGarageRead(userId, read);
      given += read;
    });
    // The newcomer's tabs opened meanwhile counted the past unread: their badge and list follow now.
    if (given > 0) await this.recorder.republishInbox({ userId, partyId: garageId });
  }
}
