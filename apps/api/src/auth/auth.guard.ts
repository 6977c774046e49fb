import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@promoto/shared-dto';
import { forbidden } from '../common/app-exception';
import { DEFAULT_ROLES, IS_PUBLIC, OPEN_TO_SUSPENDED, ROLES } from './auth.decorators';
import type { AuthenticatedRequest } from './auth-user';
import { TokenService } from './token.service';

/**
 * Global guard: every route needs a valid token unless @Public(), and the role @Roles() asks for
 * (DEFAULT_ROLES without it); a suspended account's token passes @OpenToSuspended() routes only.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { user, sessionId } = await this.tokens.verifySession(
      TokenService.fromHeader(request.headers.authorization),
      {
        suspendedAccess: this.reflector.getAllAndOverride<boolean>(OPEN_TO_SUSPENDED, targets) === true,
      },
    );
    Object.assign(request, { user, sessionId });
    const roles = this.reflector.getAllAndOverride<readonly UserRole[] | undefined>(ROLES, targets) ?? DEFAULT_ROLES;
    if (!roles.includes(request.user.role)) {
      throw forbidden(`This action is reserved to: ${roles.join(', ')}.`);
    }
    return true;
  }
}
