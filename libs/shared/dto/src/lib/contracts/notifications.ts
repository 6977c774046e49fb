/** The delays a person may choose before an unread message is e-mailed to them, in seconds. */
export const EMAIL_DELAY_CHOICES = [300, 900, 3600, 10800] as const;
export type EmailDelayChoice = (typeof EMAIL_DELAY_CHOICES)[number];

/** GET and PUT /api/notifications/preferences answer this. */
export interface NotificationPreferencesView {
  /** An e-mail when a conversation stays unread (on unless switched off, here or by the e-mail's link). */
  emailEnabled: boolean;
  /** The delay chosen, or null for the service's default. */
  emailDelaySeconds: EmailDelayChoice | null;
  /** The service's default delay (NOTIFY_EMAIL_DELAY_S). */
  defaultEmailDelaySeconds: number;
}

/** PUT /api/notifications/preferences: the fields given change; emailDelaySeconds null restores the default. */
export interface UpdateNotificationPreferencesRequest {
  emailEnabled?: boolean;
  emailDelaySeconds?: EmailDelayChoice | null;
}

/** GET /api/notifications/push/public-key: the VAPID key to subscribe with, null when the service sends no push. */
export interface PushPublicKeyView {
  publicKey: string | null;
}

/** A browser's push subscription, as `PushSubscription.toJSON()` gives it. */
export interface PushSubscriptionRequest {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** DELETE /api/notifications/push/subscriptions: the subscription this device gives up. */
export interface PushUnsubscribeRequest {
  endpoint: string;
}

/**
 * What a push message carries (JSON): the shape Angular's service worker shows as a notification,
 * a click opening the thread (`data.url`, relative to the web app's origin) in a tab.
 */
export interface PushPayload {
  notification: {
    title: string;
    body: string;
    icon: string;
    /** One notification per conversation: a newer message replaces the older one. */
    tag: string;
    /** A vehicle reminder's « Prendre rendez-vous » (`book`). */
    actions?: { action: 'book'; title: string }[];
    data: {
      url: string;
      onActionClick: {
        default: { operation: 'navigateLastFocusedOrOpen'; url: string };
        /** With `actions`: the garage's booking form with the vehicle chosen. */
        book?: { operation: 'navigateLastFocusedOrOpen'; url: string };
      };
    };
  };
}
