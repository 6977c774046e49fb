import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { GarageRole, UserRole } from '@promoto/shared-dto';
import type { Request } from 'express';

/** Who is asking: read from a verified token on every request and socket. */
export interface AuthUser {
  id: string;
  role: UserRole;
  garageId?: string;
  /** Set exactly when garageId is. */
  garageRole?: GarageRole;
}

/**
 * The claims we sign: `sub` is the user id, `sid` the session. The API takes role and garage
 * from the account, not from these.
 */
export interface TokenClaims {
  sub: string;
  sid: string;
  role: UserRole;
  garageId?: string;
  /** Set on a suspended account's token for its data (SUSPENDED_ACCESS_SCOPE): the routes open to it only. */
  scope?: typeof SUSPENDED_ACCESS_SCOPE;
}

/** The scope of a suspended account's token: its data export and its deletion, nothing else. */
export const SUSPENDED_ACCESS_SCOPE = 'suspended-account';

/** A request whose token was verified: its user, and the session the token belongs to. */
export type AuthenticatedRequest = Request & { user: AuthUser; sessionId: string };

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);

/** The id of the session the request's token belongs to. */
export const CurrentSessionId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().sessionId,
);
