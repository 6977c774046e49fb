import { SetMetadata } from '@nestjs/common';
import { SIGN_UP_ROLES, type UserRole } from '@promoto/shared-dto';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';
export const OPEN_TO_SUSPENDED = 'auth:open-to-suspended';

/**
 * The roles a route without @Roles() admits: the people who talk and book. An admin reaches the
 * routes that name it only, so that no route written for clients and garagistes serves it by mistake.
 */
export const DEFAULT_ROLES: readonly UserRole[] = SIGN_UP_ROLES;

/** Opens a route to callers without a token (register, login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to the given roles (DEFAULT_ROLES without it). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

/**
 * Also admits a suspended account's token (POST /api/auth/suspended-access): the routes of its
 * rights of access and erasure, which a suspension does not take away. Every other route refuses
 * that token with 403 ACCOUNT_SUSPENDED.
 */
export const OpenToSuspended = () => SetMetadata(OPEN_TO_SUSPENDED, true);
