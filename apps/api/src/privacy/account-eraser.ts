import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { AttachmentsService } from '../attachments/attachments.service';
import { SessionAccounts } from '../auth/session-accounts';
import { SessionsService } from '../auth/sessions.service';
import { BlocksService } from '../blocks/blocks.service';
import { ConversationRecorder } from '../messages/conversation-recorder';
import { PersonalNotificationData } from '../notifications/personal-notification-data';
import { ChatEvents } from '../realtime/chat-events';
import { RemindersService } from '../reminders/reminders.service';
import { UsersService } from '../users/users.service';
import { VehiclesService } from '../vehicles/vehicles.service';
import { DataExportFiles } from './data-export-files';
import type { JobLease, PrivacyJobHandler } from './privacy-job-runner';
import { PrivacyJob, type StoredPrivacyJob } from './privacy-job.schema';

/**
 * Erases an account, one step after the other, each idempotent: the job records how many are done,
 * so a replica taking over after a crash resumes at the step that was cut short. What stays (its
 * messages in the other people's threads, shown as « Compte supprimé », and the bookings the garages
 * keep, with their copy of the vehicle) is listed in the README's Retention.
 */
@Injectable()
export class AccountEraser implements PrivacyJobHandler {
  private readonly steps: ((userId: string) => Promise<void>)[] = [
    // Its tokens and sockets end (already done when it was asked; again after a crash, harmlessly).
    (userId) => this.sessions.endAllOf(userId, 'account-deleted'),
    (userId) => this.notifications.eraseOf(userId),
    (userId) => this.conversations.showAsDeleted(userId),
    (userId) => this.attachments.eraseOwnedBy(userId),
    (userId) => this.eraseDataExports(userId),
    (userId) => this.vehicles.eraseOwnedBy(userId),
    (userId) => this.reminders.eraseAboutClient(userId),
    (userId) => this.blocks.eraseOf(userId),
    (userId) => this.eraseProfile(userId),
  ];

  constructor(
    @InjectModel(PrivacyJob.name) private readonly jobs: Model<PrivacyJob>,
    private readonly sessions: SessionsService,
    private readonly notifications: PersonalNotificationData,
    private readonly conversations: ConversationRecorder,
    private readonly attachments: AttachmentsService,
    private readonly exportFiles: DataExportFiles,
    private readonly blocks: BlocksService,
    private readonly users: UsersService,
    private readonly vehicles: VehiclesService,
    private readonly reminders: RemindersService,
    private readonly accounts: SessionAccounts,
    private readonly chat: ChatEvents,
  ) {}

  async run(job: StoredPrivacyJob, lease: JobLease): Promise<Partial<PrivacyJob>> {
    const userId = job.user.toHexString();
    for (let step = job.step ?? 0; step < this.steps.length; step += 1) {
      await this.steps[step](userId);
      await lease.progress({ step: step + 1 });
    }
    return {};
  }

  /** The person's copies of their data, and their zips. */
  private async eraseDataExports(userId: string): Promise<void> {
    const user = new Types.ObjectId(userId);
    const exports = await this.jobs.find({ user, kind: 'data-export' }).lean<StoredPrivacyJob[]>().exec();
    for (const { fileKey } of exports) if (fileKey) await this.exportFiles.delete(fileKey);
    await this.jobs.deleteMany({ user, kind: 'data-export' }).exec();
  }

  /** The account itself, last: every replica forgets it at once. */
  private async eraseProfile(userId: string): Promise<void> {
    await this.users.remove(new Types.ObjectId(userId));
    this.accounts.forget(userId);
    this.chat.accountChanged(userId);
  }
}
