import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ERROR_CODES } from '@promoto/shared-dto';
import { HttpStatus } from '@nestjs/common';
import { AppException, unauthenticated } from '../common/app-exception';
import type { AuthUser, TokenClaims } from './auth-user';

/** Signs and verifies access tokens, for HTTP requests and socket handshakes alike. */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  sign(user: AuthUser): Promise<string> {
    const claims: TokenClaims = {
      sub: user.id,
      role: user.role,
      ...(user.garageId ? { garageId: user.garageId } : {}),
    };
    return this.jwt.signAsync(claims);
  }

  async verify(token: string | undefined): Promise<AuthUser> {
    if (!token) throw unauthenticated('A bearer token is required: log in first.');
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token);
      return {
        id: claims.sub,
        role: claims.role,
        ...(claims.garageId ? { garageId: claims.garageId } : {}),
      };
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
