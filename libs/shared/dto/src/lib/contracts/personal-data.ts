import type { AttachmentKind, AttachmentMimeType } from './attachments';
import type { BlockView } from './blocks';
import type { NotificationPreferencesView } from './notifications';
import type { ReminderView } from './reminders';
import type { VehicleView } from './vehicles';
import type { AppointmentView, ConversationView, MessageView, UserView } from './views';

/**
 * The name a deleted account's messages are shown under, in the other person's conversation list
 * and threads (its messages stay readable there).
 */
export const DELETED_ACCOUNT_NAME = 'Compte supprimé';

/** Where a requested copy of one's data stands. */
export const DATA_EXPORT_STATUSES = ['pending', 'ready', 'failed', 'expired'] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];

/**
 * A copy of the person's data (« Mes données »): POST /api/me/data-exports answers one, GET a list
 * of the latest, newest first. `url` is present while `status` is 'ready': a signed link to the zip, valid until
 * `expiresAt`, with no token needed (the e-mail that says it is ready carries it too).
 */
export interface DataExportView {
  id: string;
  status: DataExportStatus;
  requestedAt: string;
  readyAt?: string;
  expiresAt?: string;
  /** Bytes of the zip, once ready. */
  size?: number;
  url?: string;
}

/**
 * What a suspended account gets from POST /api/auth/suspended-access (its e-mail and password): a
 * suspension ends its sessions and refuses its login, not its rights to a copy of its data and to
 * its deletion. `accessToken` is admitted by GET and POST /api/me/data-exports, DELETE /api/me and
 * POST /api/auth/logout only (403 ACCOUNT_SUSPENDED on every other route, refused by the socket);
 * nothing renews it: past `expiresAt`, ask again with the password.
 */
export interface SuspendedAccessView {
  accessToken: string;
  expiresAt: string;
}

/** The version of the archive's layout, in its `export.json`; it grows with a new major version only. */
export const DATA_EXPORT_FORMAT_VERSION = 1;

/**
 * `export.json`, at the root of the zip: what it is and which files it holds. The other files:
 * `profile.json` (DataExportProfileFile), `bookings.json` (DataExportBookingsFile),
 * `vehicles.json` (DataExportVehiclesFile),
 * `notifications.json` (DataExportNotificationsFile), `blocks.json` (DataExportBlocksFile), one `conversations/<id>.json` per
 * conversation (DataExportConversationFile), and the attachments' bytes under `attachments/`.
 */
export interface DataExportManifest {
  format: 'promoto-data-export';
  version: typeof DATA_EXPORT_FORMAT_VERSION;
  userId: string;
  generatedAt: string;
  /** Every other file of the zip, by its path in it. */
  files: string[];
}

/** `profile.json`: the account. */
export interface DataExportProfileFile {
  profile: UserView & { createdAt: string };
}

/** `bookings.json`: the bookings the person made (a client) or their garage received (a garagiste). */
export interface DataExportBookingsFile {
  bookings: AppointmentView[];
}

/**
 * `vehicles.json`: a client's vehicles, as GET /api/vehicles serves them, and the reminders garages
 * scheduled on them, sent or not (none for a garagiste).
 */
export interface DataExportVehiclesFile {
  vehicles: VehicleView[];
  reminders: ReminderView[];
}

/** An attachment of an exported message: its description and where its bytes are in the zip. */
export interface DataExportAttachment {
  id: string;
  kind: AttachmentKind;
  name: string;
  size: number;
  mimeType: AttachmentMimeType;
  /** The file's path in the zip (`attachments/<id>-<name>`); absent when its bytes were gone. */
  file?: string;
}

/** A message as exported: as served, with its attachments pointing into the zip instead of signed links. */
export type DataExportMessage = Omit<MessageView, 'attachments'> & { attachments?: DataExportAttachment[] };

/** `conversations/<id>.json`: one conversation as the person sees it, and every message of it, oldest first. */
export interface DataExportConversationFile {
  conversation: ConversationView;
  messages: DataExportMessage[];
}

/** One e-mail the service owed or sent the person about unread messages. */
export interface DataExportEmailRecord {
  conversationId: string;
  status: 'pending' | 'sent' | 'cancelled' | 'failed';
  dueAt: string;
  sentAt?: string;
}

/** `notifications.json`: the person's notification preferences, push subscriptions and e-mail records. */
export interface DataExportNotificationsFile {
  preferences: NotificationPreferencesView;
  /** The browsers subscribed to Web Push: the push service's host and when they subscribed. */
  pushSubscriptions: { service: string; createdAt: string }[];
  emails: DataExportEmailRecord[];
}

/** `blocks.json`: the parties the person blocked (a garage's member: those they blocked for the garage). */
export interface DataExportBlocksFile {
  blocks: BlockView[];
}
