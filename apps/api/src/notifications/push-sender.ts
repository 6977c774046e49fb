import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import type { PushPayload, PushSubscriptionRequest } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { sendNotification, WebPushError, type VapidKeys } from 'web-push';
import { badRequest } from '../common/app-exception';
import type { Environment } from '../config/environment';
import { isMemberView, type Viewer } from '../messages/conversation-parties';
import { previewFor } from '../messages/conversations.service';
import type { ConversationSnapshot, RecordedMessage } from '../messages/message-events';
import { MetricsService } from '../observability/metrics.service';
import { ChatEvents } from '../realtime/chat-events';
import { UsersService } from '../users/users.service';
import { reminderBookingPath, threadPath } from './notification-links';
import { PushEndpointGuard, RefusedPushEndpointError } from './push-endpoint-guard';
import { PushSubscriptionRecord, subscriptionId } from './push-subscription.schema';

/** A push service keeps an undelivered push this long (seconds) for a device that is off. */
const PUSH_TTL_S = 3_600;
const PUSH_TIMEOUT_MS = 10_000;
/** The web app's icon (apps/web/public), shown with the notification. */
const PUSH_ICON = '/icons/icon-192.png';
/** The push service says the subscription is gone: it is removed. */
const EXPIRED_STATUSES = new Set([404, 410]);

/**
 * Web Push for people with no tab open: when a message is recorded and its recipient has no
 * socket on any replica, each of their subscribed browsers gets a push at once (encrypted by
 * the web-push library with the subscription's keys, signed with our VAPID key).
 */
@Injectable()
export class PushSender {
  private readonly logger = new Logger(PushSender.name);
  private readonly vapid: (VapidKeys & { subject: string }) | null;
  private readonly perUser: number;

  constructor(
    @InjectModel(PushSubscriptionRecord.name) private readonly subscriptions: Model<PushSubscriptionRecord>,
    private readonly events: ChatEvents,
    private readonly metrics: MetricsService,
    private readonly guard: PushEndpointGuard,
    private readonly users: UsersService,
    config: ConfigService<Environment, true>,
  ) {
    this.perUser = config.get('PUSH_SUBSCRIPTIONS_PER_USER', { infer: true });
    const publicKey = config.get('VAPID_PUBLIC_KEY', { infer: true });
    const privateKey = config.get('VAPID_PRIVATE_KEY', { infer: true });
    this.vapid =
      publicKey && privateKey ? { publicKey, privateKey, subject: config.get('VAPID_SUBJECT', { infer: true }) } : null;
  }

  get publicKey(): string | null {
    return this.vapid?.publicKey ?? null;
  }

  /**
   * The same browser subscribing again (or for another account) replaces its subscription; past
   * PUSH_SUBSCRIPTIONS_PER_USER, the account's subscription renewed longest ago goes.
   */
  async subscribe(userId: string, subscription: PushSubscriptionRequest): Promise<void> {
    try {
      await this.guard.assertPublic(subscription.endpoint);
    } catch (error) {
      if (!(error instanceof RefusedPushEndpointError)) throw error;
      throw badRequest('endpoint must be a push service on the internet', [
        `endpoint refused: ${error.message}; a push service's host is public and resolves to public addresses only`,
      ]);
    }
    const user = new Types.ObjectId(userId);
    await this.subscriptions
      .updateOne(
        { _id: subscriptionId(subscription.endpoint) },
        {
          $set: {
            user,
            endpoint: subscription.endpoint,
            p256dh: subscription.keys.p256dh,
            auth: subscription.keys.auth,
            renewal: new Types.ObjectId(),
          },
        },
        { upsert: true },
      )
      .exec();
    const beyond = await this.subscriptions
      .find({ user }, { _id: 1 })
      .sort({ renewal: -1 })
      .skip(this.perUser)
      .lean<{ _id: string }[]>()
      .exec();
    if (beyond.length > 0) await this.subscriptions.deleteMany({ _id: { $in: beyond.map(({ _id }) => _id) } }).exec();
  }

  async unsubscribe(userId: string, endpoint: string): Promise<void> {
    await this.subscriptions.deleteOne({ _id: subscriptionId(endpoint), user: new Types.ObjectId(userId) }).exec();
  }

  /**
   * Never throws: the message is stored and delivered already. A vehicle reminder's push opens the
   * garage's booking form with the vehicle chosen, and offers « Prendre rendez-vous » as its action.
   */
  async messageRecorded(conversation: ConversationSnapshot, viewer: Viewer, message: RecordedMessage): Promise<void> {
    const recipientId = viewer.userId;
    // The client's preview never shows an internal note.
    const newest = previewFor(conversation, viewer);
    const otherSide = [conversation.firstUser, conversation.secondUser].find((id) => !id.equals(viewer.partyId));
    if (!this.vapid || !newest || !otherSide) return;
    // Only the other side's messages are news (a colleague's is not, to a member of the garage).
    const fromMySide = isMemberView(viewer) ? !newest.senderId.equals(otherSide) : newest.senderId.equals(recipientId);
    const sender = conversation.members[otherSide.toHexString()];
    const recipient = conversation.members[viewer.partyId];
    if (fromMySide || !sender || !recipient) return;
    try {
      // The cheap question first: most people subscribed no browser, and asking every replica
      // whether the recipient has a socket is a round trip through Redis for each message.
      const subscriptions = await this.subscriptions
        .find({ user: new Types.ObjectId(recipientId) })
        .lean<PushSubscriptionRecord[]>()
        .exec();
      if (subscriptions.length === 0 || (await this.events.isConnected(recipientId))) return;
      // A suspended account cannot log in to read what the push would open.
      if ((await this.users.findById(recipientId))?.suspendedAt) return;
      const booking = reminderBookingPath(message);
      const url = booking ?? threadPath(recipient.role, otherSide.toHexString());
      const open = { operation: 'navigateLastFocusedOrOpen', url } as const;
      const payload: PushPayload = {
        notification: {
          title: sender.garageName ?? sender.name,
          body: newest.content,
          icon: PUSH_ICON,
          tag: conversation._id.toHexString(),
          ...(booking ? { actions: [{ action: 'book', title: 'Prendre rendez-vous' }] } : {}),
          data: { url, onActionClick: { default: open, ...(booking ? { book: open } : {}) } },
        },
      };
      await Promise.all(subscriptions.map((subscription) => this.push(subscription, payload)));
    } catch (error) {
      this.logger.error(`no push for a message to ${recipientId}: ${(error as Error).message}`);
    }
  }

  private async push(subscription: PushSubscriptionRecord, payload: PushPayload): Promise<void> {
    const vapid = this.vapid as VapidKeys & { subject: string };
    try {
      this.guard.assertLiteralAllowed(subscription.endpoint);
      await sendNotification(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify(payload),
        { vapidDetails: vapid, TTL: PUSH_TTL_S, timeout: PUSH_TIMEOUT_MS, agent: this.guard.agent },
      );
      this.metrics.notificationPushes.inc({ outcome: 'sent' });
    } catch (error) {
      // Stored before the rule, or its name now resolves inside our network: never contacted, removed.
      if (error instanceof RefusedPushEndpointError) {
        await this.subscriptions.deleteOne({ _id: subscription._id }).exec();
        this.metrics.notificationPushes.inc({ outcome: 'refused' });
        this.logger.warn(`push endpoint refused and its subscription removed: ${error.message}`);
        return;
      }
      if (error instanceof WebPushError && EXPIRED_STATUSES.has(error.statusCode)) {
        await this.subscriptions.deleteOne({ _id: subscription._id }).exec();
        this.metrics.notificationPushes.inc({ outcome: 'expired' });
        return;
      }
      this.metrics.notificationPushes.inc({ outcome: 'failed' });
      this.logger.warn(`push to ${new URL(subscription.endpoint).host} failed: ${(error as Error).message}`);
    }
  }
}
