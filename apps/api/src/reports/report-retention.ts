import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { PeriodicTask } from '../common/periodic-task';
import type { Environment } from '../config/environment';
import { Report } from './report.schema';

const DAY_MS = 24 * 60 * 60 * 1000;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Deletes the reports an admin marked handled REPORT_RETENTION_DAYS ago, every hour on each
 * replica (deleting twice is harmless): their words, and the accounts and message they name, are
 * kept no longer than moderation needs them. An open report stays until an admin handles it.
 */
@Injectable()
export class ReportRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportRetention.name);
  private readonly retentionMs: number;
  private readonly task = new PeriodicTask('handled reports purge', PURGE_INTERVAL_MS, () => this.purge(), this.logger);

  constructor(
    @InjectModel(Report.name) private readonly reports: Model<Report>,
    config: ConfigService<Environment, true>,
  ) {
    this.retentionMs = config.get('REPORT_RETENTION_DAYS', { infer: true }) * DAY_MS;
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass: how many handled reports were deleted. */
  async purge(now = Date.now()): Promise<number> {
    const { deletedCount } = await this.reports
      .deleteMany({ status: 'handled', handledAt: { $lt: new Date(now - this.retentionMs) } })
      .exec();
    return deletedCount;
  }
}
