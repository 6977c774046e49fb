import { SetMetadata } from '@nestjs/common';
import type { UserRole } from '@promoto/shared-dto';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/** Opens a route to callers without a token (register, login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to the given roles. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);
