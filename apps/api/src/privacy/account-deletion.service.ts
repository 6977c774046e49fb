import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ERROR_CODES } from '@promoto/shared-dto';
import { Model } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { verifyPassword } from '../auth/password';
import { SessionAccounts } from '../auth/session-accounts';
import { SessionsService } from '../auth/sessions.service';
import { AppException, conflict, forbidden, notFound } from '../common/app-exception';
import { ConversationRecorder } from '../messages/conversation-recorder';
import { LoginRateLimiter } from '../rate-limit/login-rate-limiter';
import { ChatEvents } from '../realtime/chat-events';
import { TeamService } from '../team/team.service';
import { UsersService } from '../users/users.service';
import { PrivacyJob } from './privacy-job.schema';

/** What a garagiste is told when their garage needs them still, by the code TeamService refused with. */
const GARAGE_NEEDS_YOU: Partial<Record<string, string>> = {
  [ERROR_CODES.LAST_OWNER]:
    'Vous êtes le dernier propriétaire de votre garage : nommez un autre propriétaire dans « Équipe » avant de supprimer votre compte.',
};

/**
 * Deleting one's account, as asked: the password confirms it, a garagiste leaves their garage
 * (refused, with a French reason, for its last owner), then the account can no
 * longer be used anywhere, the people it wrote to see it as « Compte supprimé », its sessions end
 * and its sockets close, and AccountEraser erases it in the background.
 */
@Injectable()
export class AccountDeletionService {
  constructor(
    @InjectModel(PrivacyJob.name) private readonly jobs: Model<PrivacyJob>,
    private readonly users: UsersService,
    private readonly team: TeamService,
    private readonly loginLimit: LoginRateLimiter,
    private readonly conversations: ConversationRecorder,
    private readonly sessions: SessionsService,
    private readonly accounts: SessionAccounts,
    private readonly chat: ChatEvents,
  ) {}

  /** `address`: the client's, for the login attempts' limit, which a password tried here counts against too. */
  async request(user: AuthUser, password: string, address: string): Promise<void> {
    const account = await this.users.findById(user.id);
    if (!account) throw notFound('Ce compte n’existe plus.');
    await this.loginLimit.consume(account.email, address);
    if (!(await verifyPassword(password, account.passwordHash)).valid) {
      throw forbidden('Ce mot de passe n’est pas celui de votre compte : il n’a pas été supprimé.');
    }
    if (account.garageId) await this.leaveGarage(user);
    await this.users.markDeleting(account._id);
    this.accounts.forget(user.id);
    this.chat.accountChanged(user.id);
    // The other people see it at once, from the replica their sockets may share with this request
    // (the job does it again, harmlessly, should this request die before it is queued).
    await this.conversations.showAsDeleted(user.id);
    if (!(await this.jobs.exists({ user: account._id, kind: 'account-deletion' }).exec())) {
      await this.jobs.create({
        kind: 'account-deletion',
        user: account._id,
        status: 'pending',
        dueAt: new Date(),
        failures: 0,
        step: 0,
      });
    }
    await this.sessions.endAllOf(user.id, 'account-deleted');
  }

  private async leaveGarage(user: AuthUser): Promise<void> {
    try {
      await this.team.remove(user, user.id);
    } catch (error) {
      const reason = error instanceof AppException ? GARAGE_NEEDS_YOU[error.code] : undefined;
      if (reason && error instanceof AppException) throw conflict(error.code, reason);
      throw error;
    }
  }
}
