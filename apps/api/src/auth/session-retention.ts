import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { PeriodicTask } from '../common/periodic-task';
import { ensureTtlIndex } from '../database/server-kind';
import { RefreshTokenRecord, SessionRecord } from './session.schema';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long an ended session is kept (which device logged out, why) before it is deleted. */
export const ENDED_SESSION_RETENTION_DAYS = 30;
/** How long a used refresh token is kept to recognise its reuse: after that it is merely unknown (refused all the same). */
export const USED_REFRESH_TOKEN_RETENTION_DAYS = 7;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Deletes sessions past their expiry or ended 30 days ago, refresh tokens past their expiry, and
 * used refresh tokens 7 days after their use (an active session renews every 15 minutes: kept
 * longer, they would pile up). On MongoDB, TTL indexes do the same; the hourly purge (every
 * replica; deleting twice is harmless) does it on any server, FerretDB included.
 */
@Injectable()
export class SessionRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRetention.name);
  private readonly task = new PeriodicTask('sessions purge', PURGE_INTERVAL_MS, () => this.purge(), this.logger);

  constructor(
    @InjectModel(SessionRecord.name) private readonly sessions: Model<SessionRecord>,
    @InjectModel(RefreshTokenRecord.name) private readonly refreshTokens: Model<RefreshTokenRecord>,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await ensureTtlIndex(this.connection, this.sessions.collection.name, 'expiresAt', 0);
      await ensureTtlIndex(
        this.connection,
        this.sessions.collection.name,
        'revokedAt',
        ENDED_SESSION_RETENTION_DAYS * 86_400,
      );
      await ensureTtlIndex(this.connection, this.refreshTokens.collection.name, 'expiresAt', 0);
      await ensureTtlIndex(
        this.connection,
        this.refreshTokens.collection.name,
        'usedAt',
        USED_REFRESH_TOKEN_RETENTION_DAYS * 86_400,
      );
    } catch (error) {
      this.logger.warn(`TTL indexes not created (the hourly purge still runs): ${(error as Error).message}`);
    }
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass: how many sessions and refresh tokens were deleted. */
  async purge(now = Date.now()): Promise<{ sessions: number; refreshTokens: number }> {
    const at = new Date(now);
    const sessions = await this.sessions
      .deleteMany({
        $or: [
          { expiresAt: { $lt: at } },
          { revokedAt: { $lt: new Date(now - ENDED_SESSION_RETENTION_DAYS * DAY_MS) } },
        ],
      })
      .exec();
    const refreshTokens = await this.refreshTokens
      .deleteMany({
        $or: [
          { expiresAt: { $lt: at } },
          { usedAt: { $lt: new Date(now - USED_REFRESH_TOKEN_RETENTION_DAYS * DAY_MS) } },
        ],
      })
      .exec();
    return { sessions: sessions.deletedCount, refreshTokens: refreshTokens.deletedCount };
  }
}
