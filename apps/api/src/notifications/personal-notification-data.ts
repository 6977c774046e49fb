import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { DataExportNotificationsFile } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { NotificationEmail } from './notification-email.schema';
import { PushSubscriptionRecord } from './push-subscription.schema';
import { NotificationsService } from './notifications.service';

/** What the notification side holds about one person, as their data export shows it (see the privacy module). */
@Injectable()
export class PersonalNotificationData {
  constructor(
    private readonly notifications: NotificationsService,
    @InjectModel(NotificationEmail.name) private readonly emails: Model<NotificationEmail>,
    @InjectModel(PushSubscriptionRecord.name) private readonly subscriptions: Model<PushSubscriptionRecord>,
  ) {}

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
