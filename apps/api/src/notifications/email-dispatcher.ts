import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { Environment } from '../config/environment';
import { claimDue } from '../common/due-claims';
import { MetricsService } from '../observability/metrics.service';
import { Mailer } from './mailer';
import { NotificationEmailClaim } from './notification-email-claim.schema';
import { NotificationEmail } from './notification-email.schema';
import { UnreadEmailBuilder } from './unread-email-builder';

/** How often each process looks for e-mails that are due. */
const POLL_INTERVAL_MS = 1_000;
const BATCH_SIZE = 20;
/**
 * How long a claim holds an e-mail: the claimer moves its due time this far on before sending,
 * so if the process dies mid-send another one sends it then. Far above the SMTP timeouts.
 */
const LEASE_MS = 60_000;
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 3_600_000;
/** Failed sends before an e-mail is given up (about an hour and a half of retries). */
const MAX_FAILURES = 8;

const retryDelayMs = (failures: number) => Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1));

/**
 * Sends the scheduled e-mails that are due, from every API process at once: each due e-mail is
 * claimed by inserting a claim document with a unique key (schedule and due time), so exactly
 * one process sends it; the schedule lives in the database, so a restart loses nothing.
 */
@Injectable()
export class EmailDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EmailDispatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @InjectModel(NotificationEmail.name) private readonly emails: Model<NotificationEmail>,
    @InjectModel(NotificationEmailClaim.name) private readonly claims: Model<NotificationEmailClaim>,
    private readonly builder: UnreadEmailBuilder,
    private readonly mailer: Mailer,
    private readonly metrics: MetricsService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.mailer.enabled) {
      const level = this.config.get('NODE_ENV', { infer: true }) === 'production' ? 'warn' : 'log';
      this.logger[level]('SMTP_URL is not set: no e-mail notifications are sent');
      return;
    }
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.dispatchDue()
        .catch((error: Error) => this.logger.error(`e-mail dispatch failed: ${error.message}`))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, POLL_INTERVAL_MS);
    this.timer.unref();
  }

  private async dispatchDue(): Promise<void> {
    const due = await this.emails
      .find({ status: 'pending', dueAt: { $lte: new Date() } })
      .sort({ dueAt: 1 })
      .limit(BATCH_SIZE)
      .lean<NotificationEmail[]>()
      .exec();
    for (const email of due) {
      if (this.stopped) return;
      await this.dispatch(email);
    }
  }

  private async dispatch(email: NotificationEmail): Promise<void> {
    if (!(await this.claim(email))) return;
    try {
      const outgoing = await this.builder.build(email);
      if (!outgoing) {
        await this.finish(email, { status: 'cancelled', finishedAt: new Date() });
        this.metrics.notificationEmails.inc({ outcome: 'cancelled' });
        return;
      }
      await this.mailer.send(outgoing);
    } catch (error) {
      await this.failed(email, error as Error);
      return;
    }
    this.metrics.notificationEmails.inc({ outcome: 'sent' });
    this.metrics.emailLateness.observe(Math.max(0, Date.now() - email.dueAt.getTime()) / 1000);
    // Sent: a failure to record it must not count as a failed send (that would send it again).
    const sentAt = new Date();
    await this.finish(email, { status: 'sent', sentAt, finishedAt: sentAt }).catch((error: Error) =>
      this.logger.error(`e-mail ${email._id} was sent but not marked sent: ${error.message}`),
    );
  }

  /** True when this process won the e-mail at its current due time (see claimDue). */
  private async claim(email: NotificationEmail): Promise<boolean> {
    const heldUntil = await claimDue({
      claims: this.claims,
      itemId: email._id,
      dueAt: email.dueAt,
      leaseMs: LEASE_MS,
      moveDue: async (to) =>
        (
          await this.emails
            .updateOne({ _id: email._id, status: 'pending', dueAt: email.dueAt }, { $set: { dueAt: to } })
            .exec()
        ).modifiedCount === 1,
    });
    return heldUntil !== null;
  }

  private async finish(email: NotificationEmail, change: Partial<NotificationEmail>): Promise<void> {
    await this.emails.updateOne({ _id: email._id }, { $set: change }).exec();
  }

  private async failed(email: NotificationEmail, error: Error): Promise<void> {
    const failures = email.failures + 1;
    const givenUp = failures >= MAX_FAILURES;
    this.logger.warn(
      `e-mail ${email._id} failed (${failures}/${MAX_FAILURES})${givenUp ? ', given up' : ''}: ${error.message}`,
    );
    this.metrics.notificationEmails.inc({ outcome: givenUp ? 'failed' : 'retried' });
    await this.finish(email, {
      failures,
      lastError: error.message.slice(0, 500),
      ...(givenUp
        ? { status: 'failed', finishedAt: new Date() }
        : { dueAt: new Date(Date.now() + retryDelayMs(failures)) }),
    }).catch((writeError: Error) =>
      this.logger.error(`e-mail ${email._id}: its failure was not recorded: ${writeError.message}`),
    );
  }
}
