import { Injectable } from '@nestjs/common';
import { isDuplicateKey } from '../database/mongo-errors';
import { hashPassword } from '../auth/password';
import { assertStrongPassword } from '../auth/password-strength';
import { SessionsService } from '../auth/sessions.service';
import { UsersService } from '../users/users.service';
import { AdminAudit } from './admin-audit';

/** What the operator command asks for: `password` only matters when the account is created. */
export interface AdminAccountRequest {
  email: string;
  name: string;
  /** Read lazily: promoting an existing account needs none. */
  password: () => Promise<string>;
  /** The operating-system user running the command, for the audit. */
  operator: string;
}

/** The e-mail as accounts store it (the API's sign-up lower-cases and trims it the same way). */
const accountEmail = (email: string) => email.trim().toLowerCase();

export type AdminAccountOutcome = 'created' | 'promoted' | 'revoked' | 'unchanged';

/**
 * Admin accounts, made and unmade by the operator command only (never by sign-up): creates the
 * account, or makes an existing one that belongs to no garage an admin; revokes an admin's role.
 * Running it again changes nothing. Each change is audited (`admin_audit` and the log).
 */
@Injectable()
export class AdminAccounts {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AdminAudit,
    private readonly sessions: SessionsService,
  ) {}

  async createOrPromote(request: AdminAccountRequest): Promise<{ outcome: AdminAccountOutcome; id: string }> {
    const email = accountEmail(request.email);
    const existing = await this.users.findByEmail(email);
    if (existing?.role === 'admin') return { outcome: 'unchanged', id: existing._id.toHexString() };
    if (existing) {
      if (existing.deletingAt) throw new Error(`The account ${email} is being deleted.`);
      if (!(await this.users.makeAdmin(existing._id))) {
        throw new Error(
          `The account ${email} belongs to a garage: it must leave the garage before it becomes an admin.`,
        );
      }
      const id = existing._id.toHexString();
      await this.audit.record({ action: 'admin-promoted', operator: request.operator, account: id });
      return { outcome: 'promoted', id };
    }
    const password = await request.password();
    assertStrongPassword(password, { email, name: request.name });
    try {
      const created = await this.users.create({
        email,
        name: request.name,
        role: 'admin',
        passwordHash: await hashPassword(password),
      });
      const id = created._id.toHexString();
      await this.audit.record({ action: 'admin-created', operator: request.operator, account: id });
      return { outcome: 'created', id };
    } catch (error) {
      // The same command run twice at once: the other run created it.
      if (isDuplicateKey(error)) return this.createOrPromote(request);
      throw error;
    }
  }

  /**
   * The admin of that e-mail is one no more: the account stays (the audit names it), as an account
   * of no garage, and every session it has ends, so that its open pages go to the login.
   */
  async revoke(
    request: Pick<AdminAccountRequest, 'email' | 'operator'>,
  ): Promise<{ outcome: AdminAccountOutcome; id: string }> {
    const email = accountEmail(request.email);
    const existing = await this.users.findByEmail(email);
    if (!existing) throw new Error(`No account has the e-mail ${email}.`);
    const id = existing._id.toHexString();
    if (!(await this.users.revokeAdmin(existing._id))) return { outcome: 'unchanged', id };
    await this.sessions.endAllOf(id, 'admin-revoked');
    await this.audit.record({ action: 'admin-revoked', operator: request.operator, account: id });
    return { outcome: 'revoked', id };
  }
}
