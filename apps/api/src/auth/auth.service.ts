import { Injectable } from '@nestjs/common';
import {
  ERROR_CODES,
  type AuthResponse,
  type LoginRequest,
  type RefreshRequest,
  type RegisterRequest,
  type SuspendedAccessView,
  type UserView,
} from '@promoto/shared-dto';
import { accountSuspended, badRequest, conflict, notFound, unauthenticated } from '../common/app-exception';
import { isDuplicateKey } from '../database/mongo-errors';
import { GaragesService } from '../garages/garages.service';
import { LoginRateLimiter } from '../rate-limit/login-rate-limiter';
import { RefreshRateLimiter } from '../rate-limit/refresh-rate-limiter';
import { UsersService, type GarageMembership, type UserAccount } from '../users/users.service';
import type { AuthUser } from './auth-user';
import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './password';
import { assertStrongPassword } from './password-strength';
import { SessionsService } from './sessions.service';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly garages: GaragesService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
    private readonly loginLimit: LoginRateLimiter,
    private readonly refreshLimit: RefreshRateLimiter,
  ) {}

  async register(request: RegisterRequest): Promise<AuthResponse> {
    if (request.role === 'client' && request.garage) {
      throw badRequest('garage is only for a garagiste account.', ['garage is only for a garagiste account.']);
    }
    const user = await this.createAccount(request, {});
    if (request.role === 'garagiste' && request.garage) {
      try {
        const garage = await this.garages.create({ id: user._id, name: user.name }, request.garage);
        await this.users.attachGarage(user._id, garage._id, garage.name);
        user.garageId = garage._id;
        user.garageName = garage.name;
        user.garageRole = 'owner';
      } catch (error) {
        // No transactions on our servers: undo the account so that a retry can register again.
        await this.users.remove(user._id);
        throw error;
      }
    }
    return this.respond(user);
  }

  /** A garagiste account made by accepting an invitation: it is a member of the inviting garage from the start. */
  async registerMember(
    account: Pick<RegisterRequest, 'email' | 'password' | 'name'>,
    membership: GarageMembership,
  ): Promise<AuthResponse> {
    return this.respond(
      await this.createAccount({ ...account, role: 'garagiste' }, { ...membership, joinedGarageAt: new Date() }),
    );
  }

  /**
   * A fresh session showing a change the current token does not (joining a garage), in place of
   * the session that asked for it (`sessionId`): that one ends, its refresh token refused and its
   * sockets closed, so that the browser holds one session of the account, not two.
   */
  async replaceSession(account: UserAccount, sessionId: string): Promise<AuthResponse> {
    const next = await this.respond(account);
    await this.endReplaced(sessionId);
    return next;
  }

  /**
   * The id of the session a still-valid access token belongs to, or null: for a public route
   * that, when a browser signed in sends it, replaces that browser's session.
   */
  async activeSessionOf(accessToken: string | undefined): Promise<string | null> {
    if (!accessToken) return null;
    const verified = await this.tokens.verifySession(accessToken).catch(() => null);
    return verified?.sessionId ?? null;
  }

  /** Ends the session a new one replaces in the same browser (its tokens refused, its sockets closed). */
  async endReplaced(sessionId: string | null): Promise<void> {
    if (sessionId) await this.sessions.end(sessionId, 'replaced');
  }

  /** `address` is the client's (behind TRUST_PROXY proxies), for the per-address login limit. */
  async login(request: LoginRequest, address: string): Promise<AuthResponse> {
    await this.loginLimit.consume(request.email, address);
    const user = await this.users.findByEmail(request.email);
    const { valid, upgrade } = await verifyPassword(request.password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !valid || user.deletingAt) throw unauthenticated('Email or password is incorrect.');
    // Only to whoever knows the password: a suspension is not told to someone guessing.
    if (user.suspendedAt) throw accountSuspended();
    // A bcrypt hash from before argon2id is replaced now, the only time the password is known.
    if (upgrade) await this.users.replacePasswordHash(user._id, await hashPassword(request.password));
    return this.respond(user);
  }

  /**
   * A suspended account's access to its data export and its deletion, for its e-mail and password
   * (counted with the login attempts): a token those routes only admit, on a session nothing renews.
   * 409 CONFLICT for an account that is not suspended: it logs in.
   */
  async suspendedAccess(request: LoginRequest, address: string): Promise<SuspendedAccessView> {
    await this.loginLimit.consume(request.email, address);
    const user = await this.users.findByEmail(request.email);
    const { valid } = await verifyPassword(request.password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !valid || user.deletingAt) throw unauthenticated('Email or password is incorrect.');
    if (!user.suspendedAt) throw conflict(ERROR_CODES.CONFLICT, 'This account is not suspended: log in.');
    const sessionId = await this.sessions.openUnrenewable(user._id.toHexString());
    const { accessToken, expiresAt } = await this.tokens.signSuspendedAccess(UsersService.toView(user), sessionId);
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }

  async me(auth: AuthUser): Promise<UserView> {
    const user = await this.users.findById(auth.id);
    if (!user) throw notFound('This account no longer exists.');
    return UsersService.toView(user);
  }

  /** The next access and refresh tokens of a session, for its refresh token (used up by this). `address`: the client's. */
  async refresh({ refreshToken }: RefreshRequest, address: string): Promise<AuthResponse> {
    await this.refreshLimit.consume(address);
    const session = await this.sessions.refresh(refreshToken).catch((error: unknown) => this.refused(refreshToken, error));
    const user = await this.users.findById(session.userId);
    if (!user || user.deletingAt) throw unauthenticated('This account no longer exists.');
    if (user.suspendedAt) throw accountSuspended();
    return this.answer(user, session.sessionId, session.refreshToken);
  }

  /**
   * A refused refresh: a suspension ended the session, so its owner is told that (ACCOUNT_SUSPENDED),
   * not to log in again in vain; any other refusal stands.
   */
  private async refused(refreshToken: string, error: unknown): Promise<never> {
    const owner = await this.sessions.ownerOf(refreshToken);
    const account = owner ? await this.users.findById(owner) : null;
    if (account?.suspendedAt) throw accountSuspended();
    throw error;
  }

  /** Ends the session the request's token belongs to. */
  logout(sessionId: string): Promise<void> {
    return this.sessions.end(sessionId, 'logout');
  }

  /** Ends every session of the user, this one included. */
  logoutEverywhere(auth: AuthUser): Promise<void> {
    return this.sessions.endAllOf(auth.id, 'logout-everywhere');
  }

  /** A new session for someone who just proved who they are. */
  private async respond(user: UserAccount): Promise<AuthResponse> {
    const { sessionId, refreshToken } = await this.sessions.open(user._id.toHexString());
    return this.answer(user, sessionId, refreshToken);
  }

  private async answer(user: UserAccount, sessionId: string, refreshToken: string): Promise<AuthResponse> {
    const view = UsersService.toView(user);
    return { accessToken: await this.tokens.sign(view, sessionId), refreshToken, user: view };
  }

  private async createAccount(
    request: Pick<RegisterRequest, 'email' | 'password' | 'name' | 'role'>,
    membership: Partial<GarageMembership & { joinedGarageAt: Date }>,
  ): Promise<UserAccount> {
    assertStrongPassword(request.password, request);
    if (await this.users.findByEmail(request.email)) throw this.emailTaken();
    try {
      return await this.users.create({
        email: request.email,
        passwordHash: await hashPassword(request.password),
        name: request.name,
        role: request.role,
        ...membership,
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw this.emailTaken();
      throw error;
    }
  }

  private emailTaken() {
    return conflict(ERROR_CODES.EMAIL_TAKEN, 'An account already uses this email.');
  }
}
