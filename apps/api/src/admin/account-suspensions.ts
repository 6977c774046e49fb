import { Injectable } from '@nestjs/common';
import type { AdminAccountView } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { SessionAccounts } from '../auth/session-accounts';
import { SessionsService } from '../auth/sessions.service';
import { forbidden, notFound } from '../common/app-exception';
import { ChatEvents } from '../realtime/chat-events';
import { UsersService } from '../users/users.service';
import { AdminAudit } from './admin-audit';
import { adminAccountView } from './admin-views';

/**
 * Suspending an account and lifting its suspension. A suspension ends the account's sessions
 * the way deleting an account does: every replica forgets what it cached of the account
 * (account-changed) and refuses its sessions' tokens (sessions-ended), and its sockets close on
 * every replica at once (through the Redis adapter when there are several).
 */
@Injectable()
export class AccountSuspensions {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: SessionAccounts,
    private readonly sessions: SessionsService,
    private readonly chat: ChatEvents,
    private readonly audit: AdminAudit,
  ) {}

  async suspend(admin: AuthUser, accountId: string, reason: string): Promise<AdminAccountView> {
    const target = await this.users.findById(accountId);
    if (!target || target.deletingAt) throw notFound('No account has this id.');
    if (target.role === 'admin') throw forbidden('An admin account is not suspended here: an operator removes it.');
    const suspended = await this.users.suspend(target._id, reason);
    if (!suspended) throw notFound('No account has this id.');
    this.accounts.forget(accountId);
    this.chat.accountChanged(accountId);
    await this.sessions.endAllOf(accountId, 'account-suspended');
    await this.audit.record({ action: 'account-suspended', admin: admin.id, account: accountId, reason });
    return adminAccountView(suspended);
  }

  async reinstate(admin: AuthUser, accountId: string, reason: string): Promise<AdminAccountView> {
    const account = await this.users.reinstate(new Types.ObjectId(accountId));
    if (!account || account.deletingAt) throw notFound('No account has this id.');
    this.accounts.forget(accountId);
    this.chat.accountChanged(accountId);
    await this.audit.record({ action: 'suspension-lifted', admin: admin.id, account: accountId, reason });
    return adminAccountView(account);
  }
}
