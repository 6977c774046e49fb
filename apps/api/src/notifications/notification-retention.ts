import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { PeriodicTask } from '../common/periodic-task';
import { ensureTtlIndex } from '../database/server-kind';
import { NotificationEmailClaim } from './notification-email-claim.schema';
import { NotificationEmail } from './notification-email.schema';

/** How long a finished e-mail's record and a claim are kept. */
export const NOTIFICATION_RETENTION_DAYS = 30;
const RETENTION_MS = NOTIFICATION_RETENTION_DAYS * 24 * 60 * 60 * 1000;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Deletes the records of e-mails sent, cancelled or given up 30 days ago, and claims made 30
 * days ago. On MongoDB, TTL indexes on `finishedAt` and `claimedAt` do it as well; the hourly
 * purge (every replica; deleting twice is harmless) does it on any server, FerretDB included,
 * and for records finished before `finishedAt` existed (by `updatedAt`). Pending e-mails stay.
 */
@Injectable()
export class NotificationRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationRetention.name);
  private readonly task = new PeriodicTask(
    'notification records purge',
    PURGE_INTERVAL_MS,
    () => this.purge(),
    this.logger,
  );

  constructor(
    @InjectModel(NotificationEmail.name) private readonly emails: Model<NotificationEmail>,
    @InjectModel(NotificationEmailClaim.name) private readonly claims: Model<NotificationEmailClaim>,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seconds = RETENTION_MS / 1000;
    try {
      await ensureTtlIndex(this.connection, this.emails.collection.name, 'finishedAt', seconds);
      await ensureTtlIndex(this.connection, this.claims.collection.name, 'claimedAt', seconds);
    } catch (error) {
      this.logger.warn(`TTL indexes not created (the hourly purge still runs): ${(error as Error).message}`);
    }
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass: how many e-mail records and claims were deleted. */
  async purge(now = Date.now()): Promise<{ emails: number; claims: number }> {
    const cutoff = new Date(now - RETENTION_MS);
    const emails = await this.emails
      .deleteMany({ status: { $in: ['sent', 'cancelled', 'failed'] }, updatedAt: { $lt: cutoff } })
      .exec();
    const claims = await this.claims.deleteMany({ claimedAt: { $lt: cutoff } }).exec();
    return { emails: emails.deletedCount, claims: claims.deletedCount };
  }
}
