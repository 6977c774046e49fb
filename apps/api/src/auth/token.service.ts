import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ERROR_CODES, isObjectId } from '@promoto/shared-dto';
import { decodeJwt, errors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import { accountSuspended, AppException, unauthenticated } from '../common/app-exception';
import type { Environment } from '../config/environment';
import type { KeyRing } from '../keys/key-ring';
import { SigningKeys } from '../keys/signing-keys';
import { SUSPENDED_ACCESS_SCOPE, type AuthUser, type TokenClaims } from './auth-user';
import { SessionAccounts } from './session-accounts';
import { SessionsService } from './sessions.service';

const ALGORITHM = 'HS256';

/** A duration as JWT_EXPIRES_IN allows ("900", "15m", "12h"), as jose reads one. */
const lifetime = (value: string) => (/^\d+$/.test(value) ? `${value}s` : value);

/** Who a verified token stands for, its session, and when it stops being valid (epoch ms). */
export interface VerifiedSession {
  user: AuthUser;
  sessionId: string;
  expiresAt: number;
}

/**
 * Signs and verifies access tokens (jose, HS256), for HTTP requests and socket handshakes alike.
 * Each names its key (`kid`) in SESSION_KEYS and its session (`sid`). A valid signature is not
 * enough: the session must not have ended, the account must still exist, and the role and
 * garage come from the account.
 */
@Injectable()
export class TokenService {
  private readonly keys: KeyRing;
  private readonly lifetime: string;

  constructor(
    private readonly accounts: SessionAccounts,
    private readonly sessions: SessionsService,
    keys: SigningKeys,
    config: ConfigService<Environment, true>,
  ) {
    this.keys = keys.sessions;
    this.lifetime = lifetime(config.get('JWT_EXPIRES_IN', { infer: true }));
  }

  sign(user: AuthUser, sessionId: string, scope?: typeof SUSPENDED_ACCESS_SCOPE): Promise<string> {
    const claims: TokenClaims = {
      sub: user.id,
      sid: sessionId,
      role: user.role,
      ...(user.garageId ? { garageId: user.garageId } : {}),
      ...(scope ? { scope } : {}),
    };
    const { kid, key } = this.keys.signing;
    const header: JWTHeaderParameters = kid === null ? { alg: ALGORITHM } : { alg: ALGORITHM, kid };
    return new SignJWT({ ...claims })
      .setProtectedHeader(header)
      .setIssuedAt()
      .setExpirationTime(this.lifetime)
      .sign(key);
  }

  /** A suspended account's token for its data export and its deletion, and when it expires. */
  async signSuspendedAccess(user: AuthUser, sessionId: string): Promise<{ accessToken: string; expiresAt: Date }> {
    const accessToken = await this.sign(user, sessionId, SUSPENDED_ACCESS_SCOPE);
    return { accessToken, expiresAt: new Date((decodeJwt(accessToken).exp ?? 0) * 1000) };
  }

  async verify(token: string | undefined): Promise<AuthUser> {
    return (await this.verifySession(token)).user;
  }

  /**
   * `suspendedAccess`: the route is open to a suspended account's token (its data export and its
   * deletion); everywhere else, sockets included, that token is refused with 403 ACCOUNT_SUSPENDED.
   */
  async verifySession(
    token: string | undefined,
    { suspendedAccess = false }: { suspendedAccess?: boolean } = {},
  ): Promise<VerifiedSession> {
    if (!token) throw unauthenticated('A bearer token is required: log in first.');
    const claims = await this.claims(token);
    const scoped = claims.scope === SUSPENDED_ACCESS_SCOPE;
    if (scoped && !suspendedAccess) throw accountSuspended();
    const user = !isObjectId(claims.sub)
      ? null
      : scoped
        ? await this.accounts.suspendedAccount(claims.sub)
        : await this.accounts.get(claims.sub);
    if (!user) throw unauthenticated('This account no longer exists: log in again.');
    if (typeof claims.sid !== 'string' || !(await this.sessions.isActive(claims.sid))) {
      throw unauthenticated('This session has ended (logged out, or from every device): log in again.');
    }
    return { user, sessionId: claims.sid, expiresAt: claims.exp * 1000 };
  }

  private async claims(token: string): Promise<TokenClaims & { exp: number }> {
    try {
      const { payload } = await jwtVerify<TokenClaims>(
        token,
        (header) => {
          const key = this.keys.find(header.kid);
          if (!key) throw new errors.JWSSignatureVerificationFailed();
          return key;
        },
        { algorithms: [ALGORITHM], requiredClaims: ['exp', 'sub'] },
      );
      return payload as TokenClaims & { exp: number };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new AppException(
          HttpStatus.UNAUTHORIZED,
          ERROR_CODES.TOKEN_EXPIRED,
          'The access token has expired: refresh the session (POST /api/auth/refresh) or log in again.',
        );
      }
      throw unauthenticated('The token is invalid: log in again.');
    }
  }

  /** Reads `Authorization: Bearer <token>`. */
  static fromHeader(header: string | undefined): string | undefined {
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    return match?.[1];
  }
}
