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
