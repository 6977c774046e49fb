import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { memoryCache } from '../common/memory-cache';
import type { Environment } from '../config/environment';
import { UsersService, type UserAccount } from '../users/users.service';
import type { AuthUser } from './auth-user';

/** Enough entries for every user active within the TTL on one replica. */
const MAX_ENTRIES = 50_000;

/**
 * Who a token's subject is now: the account's role and garage, read from the database and kept
 * for ACCOUNT_CACHE_TTL_MS, so that a deleted account stops working within that delay and a
 * token never decides its own role; an account being deleted, or suspended, is gone. A change of garage membership is forgotten at once on every
 * replica (see team/membership-sessions.ts). Null when the account no longer exists.
 */
@Injectable()
export class SessionAccounts {
  private readonly entries: ReturnType<typeof memoryCache<string, { user: AuthUser | null }>>;

  constructor(
    private readonly users: UsersService,
    config: ConfigService<Environment, true>,
  ) {
    this.entries = memoryCache({ max: MAX_ENTRIES, ttlMs: config.get('ACCOUNT_CACHE_TTL_MS', { infer: true }) });
  }

  async get(id: string): Promise<AuthUser | null> {
    const cached = this.entries.get(id);
    if (cached) return cached.user;
    const account = await this.users.findById(id);
    const user = account && !account.suspendedAt ? SessionAccounts.toAuthUser(account) : null;
    this.entries.set(id, { user });
    return user;
  }

  /**
   * Who a suspended account's token (for its data export and its deletion) stands for: the
   * account, suspended or not, unless it is being deleted. Read every time: such tokens are few.
   */
  async suspendedAccount(id: string): Promise<AuthUser | null> {
    const account = await this.users.findById(id);
    return account ? SessionAccounts.toAuthUser(account) : null;
  }

  /**
   * Drops what this replica remembers of the account, so that its next request or handshake reads
   * it again: a member removed from a garage loses its access at once, not after the TTL.
   */
  forget(id: string): void {
    this.entries.delete(id);
  }

  /** Who the account is to the API, suspended or not; null while it is being deleted. */
  static toAuthUser(account: UserAccount): AuthUser | null {
    if (account.deletingAt) return null;
    return {
      id: account._id.toHexString(),
      role: account.role,
      ...(account.garageId
        ? { garageId: account.garageId.toHexString(), garageRole: UsersService.garageRoleOf(account) }
        : {}),
    };
  }
}
