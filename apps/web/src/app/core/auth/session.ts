import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { AuthResponse, UserRole, UserView } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';

const STORAGE_KEY = 'promoto.session';

/** setTimeout fires at once beyond this delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface StoredSession {
  accessToken: string;
  user: UserView;
}

/** The token's expiry in epoch milliseconds, read from its payload; null when it has none. */
export function tokenExpiry(token: string): number | null {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { exp } = JSON.parse(atob(payload)) as { exp?: unknown };
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function homeFor(role: UserRole): string {
  return role === 'garagiste' ? '/garage' : '/app/appointments';
}

function parse(raw: string | null): StoredSession | null {
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as StoredSession;
    return typeof session?.accessToken === 'string' && typeof session.user?.id === 'string' ? session : null;
  } catch {
    return null;
  }
}

/**
 * Who is logged in. The session is kept in localStorage so that it survives a reload, ends
 * by itself when the token expires, and follows a login or logout made in another tab.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly router = inject(Router);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly state = signal<StoredSession | null>(null);
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  readonly user = computed(() => this.state()?.user ?? null);
  readonly token = computed(() => this.state()?.accessToken ?? null);
  /** A message for the login page, such as why the session ended. */
  readonly notice = signal<string | null>(null);

  constructor() {
    const stored = parse(this.window?.localStorage.getItem(STORAGE_KEY) ?? null);
    if (stored && this.isExpired(stored.accessToken)) {
      this.window?.localStorage.removeItem(STORAGE_KEY);
      this.notice.set(fr.errors.sessionExpired);
    } else if (stored) {
      this.apply(stored);
    }
    const onStorage = (event: StorageEvent) => {
      if (event.key !== STORAGE_KEY) return;
      const next = parse(event.newValue);
      this.apply(next);
      if (!next) void this.router.navigate(['/login']);
    };
    this.window?.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => {
      this.window?.removeEventListener('storage', onStorage);
      clearTimeout(this.expiryTimer);
    });
  }

  start(auth: AuthResponse): void {
    const session: StoredSession = { accessToken: auth.accessToken, user: auth.user };
    this.window?.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.notice.set(null);
    this.apply(session);
  }

  /** Replaces the stored user (after GET /auth/me), keeping the token. */
  refreshUser(user: UserView): void {
    const current = this.state();
    if (!current || current.user.id !== user.id) return;
    this.start({ accessToken: current.accessToken, user });
  }

  logout(): void {
    this.window?.localStorage.removeItem(STORAGE_KEY);
    this.apply(null);
    void this.router.navigate(['/login']);
  }

  /** The account is no longer in its garage (removed, or left): back to the login page, saying so. */
  leaveGarage(message: string): void {
    if (!this.state()) return;
    this.logout();
    this.notice.set(message);
  }

  /** The server refused the token, or it ran out: back to the login page, saying why. */
  expire(): void {
    if (!this.state()) return;
    this.logout();
    this.notice.set(fr.errors.sessionExpired);
  }

  private apply(session: StoredSession | null): void {
    clearTimeout(this.expiryTimer);
    this.state.set(session);
    const expiry = session ? tokenExpiry(session.accessToken) : null;
    if (expiry !== null) {
      this.expiryTimer = setTimeout(() => this.expire(), Math.min(Math.max(expiry - Date.now(), 0), MAX_TIMER_MS));
    }
  }

  private isExpired(token: string): boolean {
    const expiry = tokenExpiry(token);
    return expiry !== null && expiry <= Date.now();
  }
}
