import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ERROR_CODES } from '@promoto/shared-dto';
import { AppException, unauthenticated } from '../common/app-exception';
import { isObjectId } from '@promoto/shared-dto';
import type { AuthUser, TokenClaims } from './auth-user';
import { SessionAccounts } from './session-accounts';

/**
 * Signs and verifies access tokens, for HTTP requests and socket handshakes alike. A valid
 * signature is not enough: the account must still exist, and its role and garage come from it.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: SessionAccounts,
  ) {}

  sign(user: AuthUser): Promise<string> {
    const claims: TokenClaims = {
      sub: user.id,
      role: user.role,
      ...(user.garageId ? { garageId: user.garageId } : {}),
    };
    return this.jwt.signAsync(claims);
  }

  async verify(token: string | undefined): Promise<AuthUser> {
    return (await this.verifySession(token)).user;
  }

  /** The user and when the token stops being valid (epoch milliseconds). */
  async verifySession(token: string | undefined): Promise<{ user: AuthUser; expiresAt: number }> {
    if (!token) throw unauthenticated('A bearer token is required: log in first.');
    const claims = await this.claims(token);
    const user = isObjectId(claims.sub) ? await this.accounts.get(claims.sub) : null;
    if (!user) throw unauthenticated('This account no longer exists: log in again.');
    return { user, expiresAt: claims.exp * 1000 };
  }

  private async claims(token: string): Promise<TokenClaims & { exp: number }> {
    try {
      return await this.jwt.verifyAsync<TokenClaims & { exp: number }>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new AppException(
          HttpStatus.UNAUTHORIZED,
          ERROR_CODES.TOKEN_EXPIRED,
          'The session has expired: log in again.',
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
