import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { isObjectId } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { createHash, randomBytes } from 'node:crypto';
import { unauthenticated } from '../common/app-exception';
import { memoryCache } from '../common/memory-cache';
import type { Environment } from '../config/environment';
import { ChatEvents } from '../realtime/chat-events';
import { RefreshTokenRecord, SessionRecord, type SessionEndReason } from './session.schema';

/** Enough entries for every session active within the cache's delay on one replica. */
const MAX_CACHED_SESSIONS = 50_000;

const hashOf = (refreshToken: string) => createHash('sha256').update(refreshToken).digest('hex');

/** A session as a refresh leaves it: whose it is, and the refresh token to use next time. */
export interface RefreshedSession {
  sessionId: string;
  userId: string;
  refreshToken: string;
}

/**
 * Sessions and their refresh tokens. A login opens a session; each refresh uses its refresh
 * token up and gives the next one; a refresh token used twice ends the whole session (whoever
 * holds the other copy, the thief or the owner, must log in again). Ending sessions — one at
 * logout, all of a user's at « Se déconnecter partout » (or when another module cuts their access) —
 * refuses their access tokens at once on every replica (the others are told through the Redis
 * adapter; while Redis is away, within ACCOUNT_CACHE_TTL_MS) and closes their sockets.
 */
@Injectable()
export class SessionsService implements OnModuleInit {
  private readonly ttlMs: number;
  private readonly activity: ReturnType<typeof memoryCache<string, { active: boolean }>>;

  constructor(
    @InjectModel(SessionRecord.name) private readonly sessions: Model<SessionRecord>,
    @InjectModel(RefreshTokenRecord.name) private readonly refreshTokens: Model<RefreshTokenRecord>,
    private readonly events: ChatEvents,
    config: ConfigService<Environment, true>,
  ) {
    this.ttlMs = config.get('REFRESH_TOKEN_TTL_S', { infer: true }) * 1000;
    this.activity = memoryCache({
      max: MAX_CACHED_SESSIONS,
      ttlMs: config.get('ACCOUNT_CACHE_TTL_MS', { infer: true }),
    });
  }

  onModuleInit(): void {
    this.events.onSessionsEndedElsewhere((sessionIds) => this.forgetActive(sessionIds));
  }

  /**
   * Opens a session that no refresh token renews, for a suspended account's access to its data:
   * its one access token bounds it, and ending the account's sessions ends it too.
   */
  async openUnrenewable(userId: string): Promise<string> {
    const { session } = await this.create(userId);
    return session._id.toHexString();
  }

  /** Opens a session for someone who just proved who they are (register, login). */
  async open(userId: string): Promise<{ sessionId: string; refreshToken: string }> {
    const { session, expiresAt } = await this.create(userId);
    const refreshToken = await this.issueRefreshToken(session._id, expiresAt);
    return { sessionId: session._id.toHexString(), refreshToken };
  }

  private async create(userId: string) {
    const expiresAt = new Date(Date.now() + this.ttlMs);
    const session = await this.sessions.create({ user: new Types.ObjectId(userId), expiresAt, revokedAt: null });
    return { session, expiresAt };
  }

  /**
   * Uses a refresh token up and answers the session's next one. A token already used ends its
   * session; an unknown, expired or ended one is refused.
   */
  async refresh(refreshToken: string): Promise<RefreshedSession> {
    const hash = hashOf(refreshToken);
    const now = new Date();
    const token = await this.refreshTokens
      .findOneAndUpdate({ _id: hash, usedAt: null }, { $set: { usedAt: now } })
      .lean<RefreshTokenRecord>()
      .exec();
    if (!token) {
      const used = await this.refreshTokens.findById(hash).lean<RefreshTokenRecord>().exec();
      if (used) {
        await this.end(used.session.toHexString(), 'refresh-token-reused');
        throw unauthenticated(
          'This refresh token was already used: its session has been ended everywhere for safety. Log in again.',
        );
      }
      throw unauthenticated('This refresh token is not valid: log in again.');
    }
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    const session = await this.sessions
      .findOneAndUpdate(
        { _id: token.session, revokedAt: null, expiresAt: { $gt: now } },
        { $set: { expiresAt } },
        { returnDocument: 'after' },
      )
      .lean<SessionRecord & { _id: Types.ObjectId }>()
      .exec();
    if (!session || token.expiresAt <= now) throw unauthenticated('This session has ended: log in again.');
    return {
      sessionId: session._id.toHexString(),
      userId: session.user.toHexString(),
      refreshToken: await this.issueRefreshToken(session._id, expiresAt),
    };
  }

  /** The account a refresh token's session belongs to, used or not, ended or not; null for an unknown token. */
  async ownerOf(refreshToken: string): Promise<string | null> {
    const token = await this.refreshTokens.findById(hashOf(refreshToken)).lean<RefreshTokenRecord>().exec();
    const session = token
      ? await this.sessions.findById(token.session).select({ user: 1 }).lean<SessionRecord>().exec()
      : null;
    return session?.user.toHexString() ?? null;
  }

  /** Whether the session has not ended (read from the database at most every ACCOUNT_CACHE_TTL_MS). */
  async isActive(sessionId: string): Promise<boolean> {
    const cached = this.activity.get(sessionId);
    if (cached) return cached.active;
    const session = isObjectId(sessionId)
      ? await this.sessions.findById(sessionId).select({ revokedAt: 1, expiresAt: 1 }).lean<SessionRecord>().exec()
      : null;
    const active = Boolean(session && session.revokedAt === null && session.expiresAt > new Date());
    this.activity.set(sessionId, { active });
    return active;
  }

  /** Ends one session (logout, a reused refresh token): its tokens are refused, its sockets closed. */
  async end(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.sessions
      .updateOne(
        { _id: new Types.ObjectId(sessionId), revokedAt: null },
        { $set: { revokedAt: new Date(), revokedReason: reason } },
      )
      .exec();
    this.forgetActive([sessionId]);
    this.events.sessionsEnded([sessionId]);
    this.events.closeSessionSockets(sessionId);
  }

  /**
   * Ends every session of a user (« Se déconnecter partout », or another module cutting their
   * access): each of their devices must log in again, and their sockets close now on every replica.
   */
  async endAllOf(userId: string, reason: SessionEndReason): Promise<void> {
    const user = new Types.ObjectId(userId);
    const open = await this.sessions.find({ user, revokedAt: null }).select({ _id: 1 }).lean().exec();
    await this.sessions
      .updateMany({ user, revokedAt: null }, { $set: { revokedAt: new Date(), revokedReason: reason } })
      .exec();
    const ended = open.map(({ _id }) => _id.toHexString());
    this.forgetActive(ended);
    this.events.sessionsEnded(ended);
    this.events.closeUserSockets(userId);
  }

  private forgetActive(sessionIds: string[]): void {
    for (const sessionId of sessionIds) this.activity.set(sessionId, { active: false });
  }

  private async issueRefreshToken(session: Types.ObjectId, expiresAt: Date): Promise<string> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.create({ _id: hashOf(refreshToken), session, usedAt: null, expiresAt });
    return refreshToken;
  }
}
