import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { claimDue } from '../common/due-claims';
import { PeriodicTask } from '../common/periodic-task';
import type { Environment } from '../config/environment';
import { AccountEraser } from './account-eraser';
import { DataExportWriter } from './data-export-writer';
import { PrivacyJobClaim } from './privacy-job-claim.schema';
import { PrivacyJob, type PrivacyJobKind, type StoredPrivacyJob } from './privacy-job.schema';

const POLL_INTERVAL_MS = 1_000;
const BATCH_SIZE = 10;
const RETRY_BASE_MS = 30_000;
/** Failed runs before a job is given up. */
const MAX_FAILURES = 5;
/** Claims are only looked up at their job's due time: a day later none is needed any more. */
const CLAIM_KEPT_MS = 86_400_000;

/** Thrown by a lease that another replica took over: the work stops without touching the job. */
export class LeaseLost extends Error {}

/**
 * This replica's hold on a job. The job's `dueAt` is moved on while it holds it; if the replica
 * dies, the job falls due again after PRIVACY_JOB_LEASE_S and another replica claims it.
 */
export class JobLease {
  constructor(
    private readonly jobs: Model<PrivacyJob>,
    private readonly jobId: Types.ObjectId,
    private heldUntil: Date,
    private readonly leaseMs: number,
  ) {}

  /** Extends the hold (long work calls it between its steps); throws LeaseLost when it was lost. */
  renew(): Promise<void> {
    return this.progress({});
  }

  /** Records how far the job got and extends the hold; throws LeaseLost when it was lost. */
  async progress(change: Partial<PrivacyJob>): Promise<void> {
    const next = new Date(Date.now() + this.leaseMs);
    await this.move({ ...change, dueAt: next });
    this.heldUntil = next;
  }

  /** Writes the job's outcome, if the job is still this replica's. */
  finish(change: Partial<PrivacyJob>): Promise<void> {
    return this.move(change);
  }

  private async move(change: Partial<PrivacyJob>): Promise<void> {
    const moved = await this.jobs
      .updateOne({ _id: this.jobId, status: 'pending', dueAt: this.heldUntil }, { $set: change })
      .exec();
    if (moved.modifiedCount !== 1) throw new LeaseLost(`privacy job ${this.jobId} was taken over`);
  }
}

/** What runs one kind of job: answers what to record on the job once done. */
export interface PrivacyJobHandler {
  run(job: StoredPrivacyJob, lease: JobLease): Promise<Partial<PrivacyJob>>;
}

/**
 * Runs the due privacy jobs from every API process at once: each is claimed by inserting a claim
 * with a unique key (job and due time), so exactly one process runs it from that due time, and
 * held by a lease that a dead process stops renewing.
 */
@Injectable()
export class PrivacyJobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PrivacyJobRunner.name);
  private readonly task = new PeriodicTask('privacy jobs', POLL_INTERVAL_MS, () => this.runDue(), this.logger);
  private readonly leaseMs: number;
  private readonly handlers: Record<PrivacyJobKind, PrivacyJobHandler>;
  private stopped = false;

  constructor(
    @InjectModel(PrivacyJob.name) private readonly jobs: Model<PrivacyJob>,
    @InjectModel(PrivacyJobClaim.name) private readonly claims: Model<PrivacyJobClaim>,
    dataExports: DataExportWriter,
    accountEraser: AccountEraser,
    config: ConfigService<Environment, true>,
  ) {
    this.leaseMs = config.get('PRIVACY_JOB_LEASE_S', { infer: true }) * 1000;
    this.handlers = { 'data-export': dataExports, 'account-deletion': accountEraser };
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.task.stop();
  }

  private async runDue(): Promise<void> {
    const due = await this.jobs
      .find({ status: 'pending', dueAt: { $lte: new Date() } })
      .sort({ dueAt: 1 })
      .limit(BATCH_SIZE)
      .lean<StoredPrivacyJob[]>()
      .exec();
    for (const job of due) {
      if (this.stopped) return;
      await this.runOne(job);
    }
    await this.claims.deleteMany({ claimedAt: { $lt: new Date(Date.now() - CLAIM_KEPT_MS) } }).exec();
  }

  private async runOne(job: StoredPrivacyJob): Promise<void> {
    const lease = await this.claim(job);
    if (!lease) return;
    try {
      const outcome = await this.handlers[job.kind].run(job, lease);
      await lease.finish({ ...outcome, status: 'done', finishedAt: new Date() });
    } catch (error) {
      if (error instanceof LeaseLost) {
        this.logger.warn(error.message);
        return;
      }
      await this.failed(job, lease, error as Error);
    }
  }

  /** This process's lease on the job at its current due time, or null when another process has it (see claimDue). */
  private async claim(job: StoredPrivacyJob): Promise<JobLease | null> {
    const heldUntil = await claimDue({
      claims: this.claims,
      itemId: job._id.toHexString(),
      dueAt: job.dueAt,
      leaseMs: this.leaseMs,
      moveDue: async (to) =>
        (
          await this.jobs
            .updateOne({ _id: job._id, status: 'pending', dueAt: job.dueAt }, { $set: { dueAt: to } })
            .exec()
        ).modifiedCount === 1,
    });
    return heldUntil ? new JobLease(this.jobs, job._id, heldUntil, this.leaseMs) : null;
  }

  private async failed(job: StoredPrivacyJob, lease: JobLease, error: Error): Promise<void> {
    const failures = job.failures + 1;
    const givenUp = failures >= MAX_FAILURES;
    this.logger.warn(`privacy job ${job._id} (${job.kind}) failed (${failures}/${MAX_FAILURES}): ${error.message}`);
    await lease
      .finish({
        failures,
        lastError: error.message.slice(0, 500),
        ...(givenUp
          ? { status: 'failed', finishedAt: new Date() }
          : { dueAt: new Date(Date.now() + RETRY_BASE_MS * 2 ** (failures - 1)) }),
      })
      .catch((writeError: Error) => this.logger.error(`privacy job ${job._id}: ${writeError.message}`));
  }
}
