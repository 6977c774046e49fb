import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PeriodicTask } from '../common/periodic-task';
import { DataExportFiles } from './data-export-files';
import { PrivacyJob, type StoredPrivacyJob } from './privacy-job.schema';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Deletes each data export's zip once its link has expired (every replica, every minute; deleting
 * twice is harmless). The job's record stays, so that the settings page says the copy expired.
 */
@Injectable()
export class DataExportRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DataExportRetention.name);
  private readonly task = new PeriodicTask('data export sweep', SWEEP_INTERVAL_MS, () => this.sweep(), this.logger);

  constructor(
    @InjectModel(PrivacyJob.name) private readonly jobs: Model<PrivacyJob>,
    private readonly files: DataExportFiles,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async sweep(): Promise<void> {
    const expired = await this.jobs
      .find({ kind: 'data-export', expiresAt: { $lte: new Date() }, fileKey: { $exists: true } })
      .lean<StoredPrivacyJob[]>()
      .exec();
    for (const job of expired) {
      if (!job.fileKey) continue;
      await this.files.delete(job.fileKey);
      await this.jobs.updateOne({ _id: job._id }, { $unset: { fileKey: 1 } }).exec();
    }
  }
}
