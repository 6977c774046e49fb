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

/** The claims we sign: `sub` is the user id. The API takes role and garage from the account, not from these. */
export interface TokenClaims {
  sub: string;
  role: UserRole;
  garageId?: string;
}

export type AuthenticatedRequest = Request & { user: AuthUser };

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
