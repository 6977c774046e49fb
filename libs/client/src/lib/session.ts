import type { AuthResponse } from '@promoto/shared-dto';
import { PromotoError } from './errors';

/**
 * What register, login and refresh answer: the access token (15 minutes), the refresh token that
 * renews it once, and the user they stand for. A session obtained elsewhere may come without its
 * refresh token: it then cannot be renewed by the refresh route.
 */
export type Session = Omit<AuthResponse, 'refreshToken'> & Partial<Pick<AuthResponse, 'refreshToken'>>;

/**
 * Gives a fresh session once the API answered TOKEN_EXPIRED, for a REST call (which is then made
 * again) or a socket's handshake (which is then tried again). By default the client calls the
 * refresh route (`POST /api/auth/refresh`) with the session's refresh token;
 * `login(credentials, { renew: true })` logs in again instead.
 */
export type RenewSession = (expired: Session) => Promise<Session>;

/** The current session, and its renewal: one at a time, shared by every call that saw it expire. */
export class SessionKeeper {
  private current: Session | null = null;
  private renewing: Promise<Session> | null = null;

  constructor(private renewer: RenewSession | undefined) {}

  get session(): Session | null {
    return this.current;
  }

  set session(session: Session | null) {
    this.current = session;
  }

  set renewal(renewer: RenewSession | undefined) {
    this.renewer = renewer;
  }

  /** The token to call with, or NO_SESSION before login. */
  token(): string {
    if (!this.current) throw new PromotoError('NO_SESSION', 'Log in first (login), or give a session (useSession).');
    return this.current.accessToken;
  }

  /** A session newer than the one whose token `expiredToken` is; TOKEN_EXPIRED when none can be had. */
  async renew(expiredToken: string): Promise<Session> {
    const current = this.current;
    if (current && current.accessToken !== expiredToken) return current;
    if (!current || !this.renewer) {
      throw new PromotoError('TOKEN_EXPIRED', 'The session has expired and no renewSession was given: log in again.');
    }
    this.renewing ??= this.renewer(current)
      .then((session) => (this.current = session))
      .finally(() => (this.renewing = null));
    return this.renewing;
  }
}
