import type { AuthResponse } from '@promoto/shared-dto';
import { PromotoError } from './errors';

/** What register and login answer: the access token and the user it stands for. */
export type Session = AuthResponse;

/**
 * Gives a fresh session once the API answered TOKEN_EXPIRED, for a REST call (which is then made
 * again) or a socket's handshake (which is then tried again). Today the API gives one access token
 * (12 h) and no refresh token, so the renewal logs in again (`login(credentials, { renew: true })`
 * keeps the credentials in memory for that). Once the API gains refresh tokens, a `RenewSession`
 * that calls its refresh route plugs in here, and nothing else in the client changes.
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
