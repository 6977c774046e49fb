import { Injectable } from '@nestjs/common';
import { isDuplicateKey } from '../database/mongo-errors';
import { hashPassword } from '../auth/password';
import { assertStrongPassword } from '../auth/password-strength';
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

export type AdminAccountOutcome = 'created' | 'promoted' | 'unchanged';

/**
 * Admin accounts, made by the operator command only (never by sign-up): creates the account, or
 * makes an existing one that belongs to no garage an admin. Running it again changes nothing.
 * Each change is audited (`admin_audit` and the log).
 */
@Injectable()
export class AdminAccounts {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AdminAudit,
  ) {}

  async createOrPromote(request: AdminAccountRequest): Promise<{ outcome: AdminAccountOutcome; id: string }> {
    const email = request.email.trim().toLowerCase();
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
}
