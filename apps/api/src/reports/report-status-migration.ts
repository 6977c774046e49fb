import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { runStartUpMigration } from '../database/start-up-migration';
import { retryTransient } from '../database/transient-retry';
import { Report } from './report.schema';

/** The document in `migrations` that says this migration ran to its end. */
const MIGRATION_ID = 'report-status';

/**
 * Gives the reports made before admins (0.21.0 to 0.23.0, stored without a status) the status
 * `open` they were read as, before the API serves: the admins' list then finds the open reports by
 * an equality on the { status, _id } index, where `status: { $ne: 'handled' }` searched the `_id`
 * index alone, reading every report below the cursor to keep the open ones. Idempotent: replicas starting together only
 * repeat one another's update; once done, a start costs one read by `_id`.
 */
@Injectable()
export class ReportStatusMigration implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportStatusMigration.name);

  constructor(@InjectModel(Report.name) private readonly reports: Model<Report>) {}

  onApplicationBootstrap(): Promise<void> {
    return runStartUpMigration(this.reports.db, MIGRATION_ID, () => this.migrate());
  }

  private async migrate(): Promise<void> {
    const { modifiedCount } = await retryTransient(() =>
      this.reports.collection.updateMany({ status: { $exists: false } }, { $set: { status: 'open' } }),
    );
    if (modifiedCount > 0) this.logger.log(`${modifiedCount} reports made before admins given the status open`);
  }
}
