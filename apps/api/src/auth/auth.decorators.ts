import { SetMetadata } from '@nestjs/common';
import { SIGN_UP_ROLES, type UserRole } from '@promoto/shared-dto';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/**
 * The roles a route without @Roles() admits: the people who talk and book. An admin reaches the
 * routes that name it only, so that no route written for clients and garagistes serves it by mistake.
 */
export const DEFAULT_ROLES: readonly UserRole[] = SIGN_UP_ROLES;

/** Opens a route to callers without a token (register, login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to the given roles (DEFAULT_ROLES without it). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);
