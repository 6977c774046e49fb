import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { DataExportNotificationsFile } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { NotificationEmail } from './notification-email.schema';
import { PushSubscriptionRecord } from './push-subscription.schema';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsService } from './notifications.service';

/**
 * What the notification side holds about one person: as their data export shows it, and erased
 * with their account (see the privacy module).
 */
@Injectable()
export class PersonalNotificationData {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly preferences: NotificationPreferencesService,
    @InjectModel(NotificationEmail.name) private readonly emails: Model<NotificationEmail>,
    @InjectModel(PushSubscriptionRecord.name) private readonly subscriptions: Model<PushSubscriptionRecord>,
  ) {}

  /**
   * Erases the person's push subscriptions, preferences and the e-mails still owed to them (those
   * sent stay their 30 days, then go with the others: see NotificationRetention). Idempotent.
   */
  async eraseOf(userId: string): Promise<void> {
    const user = new Types.ObjectId(userId);
    await this.subscriptions.deleteMany({ user }).exec();
    await this.emails
      .updateMany({ recipient: user, status: 'pending' }, { $set: { status: 'cancelled', finishedAt: new Date() } })
      .exec();
    await this.preferences.erase(userId);
  }

  async exportOf(userId: string): Promise<DataExportNotificationsFile> {
    const user = new Types.ObjectId(userId);
    const [preferences, subscriptions, emails] = await Promise.all([
      this.notifications.preferencesOf(userId),
      this.subscriptions
        .find({ user })
        .select({ endpoint: 1, createdAt: 1 })
        .lean<{ endpoint: string; createdAt: Date }[]>()
        .exec(),
      this.emails.find({ recipient: user }).sort({ dueAt: 1 }).lean<NotificationEmail[]>().exec(),
    ]);
    return {
      preferences,
      // The endpoint itself is a capability to push to that browser: its host says which service it is.
      pushSubscriptions: subscriptions.map(({ endpoint, createdAt }) => ({
        service: new URL(endpoint).host,
        createdAt: createdAt.toISOString(),
      })),
      emails: emails.map((email) => ({
        conversationId: email.conversation.toHexString(),
        status: email.status,
        dueAt: email.dueAt.toISOString(),
        ...(email.sentAt ? { sentAt: email.sentAt.toISOString() } : {}),
      })),
    };
  }
}
