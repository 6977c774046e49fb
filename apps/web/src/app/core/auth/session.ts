import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { AuthResponse, UserRole, UserView } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';

const STORAGE_KEY = 'promoto.session';

type StoredSession = AuthResponse;

/** A claim of the token's payload, or undefined when it is not a JWT. */
function claim(token: string, name: 'exp' | 'iat' | 'sid'): unknown {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return (JSON.parse(atob(payload)) as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

/** The token's expiry in epoch milliseconds, read from its payload; null when it has none. */
export function tokenExpiry(token: string): number | null {
  const exp = claim(token, 'exp');
  return typeof exp === 'number' ? exp * 1000 : null;
}

/** The server-side session a token belongs to (its `sid`): refreshing keeps it, a new login changes it. */
export function tokenSessionId(token: string): string | null {
  const sid = claim(token, 'sid');
  return typeof sid === 'string' ? sid : null;
}

/**
 * Whether the token should be refreshed before it is sent: expired, or within a quarter of its
 * lifetime (at most 30 s) of expiring, so that a request never reaches the server just too late.
 */
export function tokenNeedsRefresh(token: string, now = Date.now()): boolean {
  const expiry = tokenExpiry(token);
  if (expiry === null) return false;
  const issuedAt = claim(token, 'iat');
  const lifetime = typeof issuedAt === 'number' ? expiry - issuedAt * 1000 : 0;
  return expiry - now <= Math.min(30_000, Math.max(0, lifetime / 4));
}

const HOMES: Record<UserRole, string> = { client: '/app/appointments', garagiste: '/garage', admin: '/admin' };

export function homeFor(role: UserRole): string {
  return HOMES[role];
}

function parseStoredSession(raw: string | null): StoredSession | null {
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as StoredSession;
    return typeof session?.accessToken === 'string' &&
      typeof session.refreshToken === 'string' &&
      typeof session.user?.id === 'string'
      ? session
      : null;
  } catch {
    return null;
  }
}

/**
 * Who is logged in, with the session's tokens: a short-lived access token and the refresh token
 * that renews it (see TokenRefresher). Kept in localStorage so that it survives a reload and
 * follows a login, a refresh or a logout made in another tab. It ends at logout, or when the
 * server refuses to renew it.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly router = inject(Router);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly state = signal<StoredSession | null>(null);

  readonly user = computed(() => this.state()?.user ?? null);
  readonly token = computed(() => this.state()?.accessToken ?? null);
  /** The server-side session: the same across refreshes, another one after a new login. */
  readonly sessionId = computed(() => {
    const token = this.token();
    return token ? tokenSessionId(token) : null;
  });
  /** A message for the login page, such as why the session ended. */
  readonly notice = signal<string | null>(null);

  constructor() {
    this.state.set(this.stored());
    const onStorage = (event: StorageEvent) => {
      if (event.key !== STORAGE_KEY) return;
      const next = parseStoredSession(event.newValue);
      this.state.set(next);
      if (!next) void this.router.navigate(['/login']);
    };
    this.window?.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => this.window?.removeEventListener('storage', onStorage));
  }

  start(auth: AuthResponse): void {
    this.notice.set(null);
    this.store({ accessToken: auth.accessToken, refreshToken: auth.refreshToken, user: auth.user });
  }

  /** The session as this tab and the others last stored it (another tab may have refreshed it). */
  stored(): StoredSession | null {
    return parseStoredSession(this.window?.localStorage.getItem(STORAGE_KEY) ?? null);
  }

  /** Takes the tokens another tab stored for the same session. */
  adopt(session: StoredSession): void {
    this.state.set(session);
  }

  /** Replaces the stored user (after GET /auth/me), keeping the tokens. */
  refreshUser(user: UserView): void {
    const current = this.state();
    if (!current || current.user.id !== user.id) return;
    this.store({ ...current, user });
  }

  /** Forgets the session in this browser (every tab) and goes to the login page. */
  logout(): void {
    this.window?.localStorage.removeItem(STORAGE_KEY);
    this.state.set(null);
    void this.router.navigate(['/login']);
  }

  /** The account is no longer in its garage (removed, or left): back to the login page, saying so. */
  leaveGarage(message: string): void {
    if (!this.state()) return;
    this.logout();
    this.notice.set(message);
  }

  /** The server ended the session (logged out elsewhere, or its refresh refused): back to the login page, saying why. */
  expire(): void {
    if (!this.state()) return;
    this.logout();
    this.notice.set(fr.errors.sessionExpired);
  }

  /** An admin suspended the account (its refresh answers ACCOUNT_SUSPENDED): back to the login page, saying so. */
  suspended(): void {
    if (!this.state()) return;
    this.logout();
    this.notice.set(fr.errors.accountSuspended);
  }

  private store(session: StoredSession): void {
    this.window?.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.state.set(session);
  }
}
