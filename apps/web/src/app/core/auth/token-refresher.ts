import { DOCUMENT } from '@angular/common';
import { HttpBackend, HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ERROR_CODES, type AuthResponse } from '@promoto/shared-dto';
import { firstValueFrom } from 'rxjs';
import { errorCode } from '../api/api-error';
import { API_URL } from '../api/api-url';
import { Session } from './session';

/** The Web Locks name that lets one tab at a time refresh the session the tabs share. */
const REFRESH_LOCK = 'promoto.session-refresh';

/**
 * Renews the session's access token through `POST /api/auth/refresh`, which uses the refresh
 * token up: one refresh at a time in this tab (every caller that saw the same stale token waits
 * for it), and one at a time across the browser's tabs (Web Locks), each tab first taking what
 * another stored meanwhile, so that no refresh token is ever sent twice (the server would end the
 * session). A refresh the server refuses ends the session here too (saying so when the account is suspended).
 */
@Injectable({ providedIn: 'root' })
export class TokenRefresher {
  private readonly session = inject(Session);
  /** Without the interceptors: the refresh route takes no bearer token. */
  private readonly http = new HttpClient(inject(HttpBackend));
  private readonly locks = inject(DOCUMENT).defaultView?.navigator.locks;
  private inFlight: Promise<string | null> | null = null;

  /**
   * An access token to use instead of `stale`: the one already renewed, or a new one; null when
   * the session has ended. Rejects when the server cannot be reached (the session stays).
   */
  refresh(stale: string): Promise<string | null> {
    const current = this.session.token();
    if (current !== stale) return Promise.resolve(current);
    this.inFlight ??= this.alone(() => this.renew(stale)).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async alone<T>(work: () => Promise<T>): Promise<T> {
    return this.locks ? await this.locks.request(REFRESH_LOCK, work) : work();
  }

  private async renew(stale: string): Promise<string | null> {
    const stored = this.session.stored();
    if (!stored) {
      this.session.expire();
      return null;
    }
    if (stored.accessToken !== stale) {
      this.session.adopt(stored);
      return stored.accessToken;
    }
    try {
      const auth = await firstValueFrom(
        this.http.post<AuthResponse>(`${API_URL}/auth/refresh`, { refreshToken: stored.refreshToken }),
      );
      this.session.start(auth);
      return auth.accessToken;
    } catch (error) {
      if (errorCode(error) === ERROR_CODES.ACCOUNT_SUSPENDED) {
        this.session.suspended();
        return null;
      }
      if (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 400)) {
        this.session.expire();
        return null;
      }
      throw error;
    }
  }
}
