import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SessionAccounts } from '../auth/session-accounts';
import { ChatEvents } from '../realtime/chat-events';

/**
 * Makes a change of garage membership count at once, on every replica: each forgets what it
 * cached of the account (its next request and handshake read the new membership), and a member
 * who is out of the garage is told so on each of their sockets, which are then closed.
 */
@Injectable()
export class MembershipSessions implements OnModuleInit {
  constructor(
    private readonly accounts: SessionAccounts,
    private readonly chat: ChatEvents,
  ) {}

  onModuleInit(): void {
    this.chat.onAccountChangedElsewhere((userId) => this.accounts.forget(userId));
  }

  changed(userId: string): void {
    this.accounts.forget(userId);
    this.chat.accountChanged(userId);
  }

  ended(userId: string, garageId: string, garageName: string): void {
    this.changed(userId);
    this.chat.endSessions(userId, {
      garageId,
      message: `Vous ne faites plus partie de l’équipe de ${garageName}.`,
    });
  }
}
