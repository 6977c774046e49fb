import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { DataExportView } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import type { Readable } from 'node:stream';
import type { AuthUser } from '../auth/auth-user';
import { DataExportRateLimiter } from '../rate-limit/data-export-rate-limiter';
import { DataExportFiles } from './data-export-files';
import { DataExportLinks } from './data-export-links';
import { PrivacyJob, type StoredPrivacyJob } from './privacy-job.schema';

/** How many of a person's copies the list shows. */
export const RECENT_EXPORTS = 5;

/** « Mes données »: asking for a copy of one's data, its state, and its zip through the signed link. */
@Injectable()
export class DataExportsService {
  constructor(
    @InjectModel(PrivacyJob.name) private readonly jobs: Model<PrivacyJob>,
    private readonly files: DataExportFiles,
    private readonly links: DataExportLinks,
    private readonly limit: DataExportRateLimiter,
  ) {}

  /**
   * Asks for a new copy; while one is being prepared, answers that one instead of starting another.
   * A new copy counts against THROTTLE_DATA_EXPORTS_PER_DAY (429 RATE_LIMITED past it).
   */
  async request(user: AuthUser): Promise<DataExportView> {
    const latest = await this.latestOf(user.id);
    if (latest?.status === 'pending') return this.view(latest);
    await this.limit.consume(user.id);
    const created = await this.jobs.create({
      kind: 'data-export',
      user: new Types.ObjectId(user.id),
      status: 'pending',
      dueAt: new Date(),
      failures: 0,
    });
    return this.view(created.toObject<StoredPrivacyJob>());
  }

  /** The person's latest copies, newest first; none when they never asked. */
  async recent(user: AuthUser): Promise<DataExportView[]> {
    const jobs = await this.jobs
      .find({ user: new Types.ObjectId(user.id), kind: 'data-export' })
      .sort({ _id: -1 })
      .limit(RECENT_EXPORTS)
      .lean<StoredPrivacyJob[]>()
      .exec();
    return jobs.map((job) => this.view(job));
  }

  /** The zip behind a signed link, or null when the link is not valid or the zip is gone. */
  async open(exportId: string, expires: string, signature: string): Promise<Readable | null> {
    if (!this.links.verify(exportId, expires, signature)) return null;
    const job = await this.jobs
      .findOne({ _id: new Types.ObjectId(exportId), kind: 'data-export' })
      .lean<StoredPrivacyJob>()
      .exec();
    if (!job?.fileKey || !job.expiresAt || job.expiresAt.getTime() <= Date.now()) return null;
    return this.files.read(job.fileKey);
  }

  private latestOf(userId: string): Promise<StoredPrivacyJob | null> {
    return this.jobs
      .findOne({ user: new Types.ObjectId(userId), kind: 'data-export' })
      .sort({ _id: -1 })
      .lean<StoredPrivacyJob>()
      .exec();
  }

  private view(job: StoredPrivacyJob): DataExportView {
    const base = { id: job._id.toHexString(), requestedAt: job.createdAt.toISOString() };
    if (job.status === 'pending') return { ...base, status: 'pending' };
    if (job.status === 'failed' || !job.expiresAt || !job.finishedAt) return { ...base, status: 'failed' };
    const done = { ...base, readyAt: job.finishedAt.toISOString(), expiresAt: job.expiresAt.toISOString() };
    if (!job.fileKey || job.expiresAt.getTime() <= Date.now()) return { ...done, status: 'expired' };
    return {
      ...done,
      status: 'ready',
      ...(job.size === undefined ? {} : { size: job.size }),
      url: this.links.link(job._id.toHexString(), job.expiresAt),
    };
  }
}
