import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SessionAccounts } from '../auth/session-accounts';
import { ChatEvents } from '../realtime/chat-events';
import { UsersService } from '../users/users.service';

/**
 * Makes a change of garage membership count at once, on every replica: each forgets what it
 * cached of the account (its next request and handshake read the new membership) and of the
 * garage's team (its next message reaches the members as they are now), and a member who is out
 * of the garage is told so on each of their sockets, which are then closed.
 */
@Injectable()
export class MembershipSessions implements OnModuleInit {
  constructor(
    private readonly accounts: SessionAccounts,
    private readonly users: UsersService,
    private readonly chat: ChatEvents,
  ) {}

  onModuleInit(): void {
    this.chat.onAccountChangedElsewhere((userId) => this.accounts.forget(userId));
    this.chat.onTeamChangedElsewhere((garageId) => this.users.forgetTeam(garageId));
    this.chat.onRedisReconnected(() => this.users.forgetTeams());
  }

  /** The account joined the garage, left it, or has another role in it (this replica's team was forgotten by the write). */
  changed(userId: string, garageId: string): void {
    this.accounts.forget(userId);
    this.chat.accountChanged(userId);
    this.chat.teamChanged(garageId);
  }

  ended(userId: string, garageId: string, garageName: string): void {
    this.changed(userId, garageId);
    this.chat.endSessions(userId, {
      garageId,
      message: `Vous ne faites plus partie de l’équipe de ${garageName}.`,
    });
  }
}
