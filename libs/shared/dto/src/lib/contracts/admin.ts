import type { ReportReason } from './reports';
import type { UserRole } from './roles';
import type { IsoDate, MessageView, Page } from './views';

/** A report waits for an admin (`open`) until one marks it `handled`. */
export const REPORT_STATUSES = ['open', 'handled'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const ADMIN_LIMITS = {
  /** Reports on a page of `GET /api/admin/reports`, unless `limit` says otherwise. */
  reportPageDefaultSize: 20,
  reportPageMaxSize: 50,
  /** Why an admin suspends an account, or lifts its suspension. */
  suspensionReasonMaxLength: 500,
} as const;

/** Why and since when an account is suspended: it cannot log in, refresh, or use a token or socket. */
export interface AccountSuspension {
  suspendedAt: IsoDate;
  reason: string;
}

/** An account as the moderation pages show it. */
export interface AdminAccountView {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  /** A garagiste's garage. */
  garageId?: string;
  garageName?: string;
  /** Present while the account is suspended. */
  suspension?: AccountSuspension;
}

/** The reported message, as it reads now (its content emptied once its author deleted it). */
export interface ReportedMessage {
  id: string;
  /** Its start, as the conversation list previews it (a file sent alone: « 📷 Photo », « 📄 name »). */
  excerpt: string;
  createdAt: IsoDate;
  deletedAt?: IsoDate;
}

/**
 * A report as admins read it (`GET /api/admin/reports`): who reported, in which conversation, the
 * account reported and the message. An account erased since is absent.
 */
export interface AdminReportView {
  id: string;
  status: ReportStatus;
  reason: ReportReason;
  /** The reporter's own words. */
  details?: string;
  createdAt: IsoDate;
  /** When an admin marked it handled. */
  handledAt?: IsoDate;
  conversationId: string;
  /** The conversation's garage. */
  garage: { id: string; name: string };
  /** The person who reported: the client, or a member of the garage. */
  reporter?: AdminAccountView;
  /**
   * The account reported: the message's author; for a whole conversation reported by the garage,
   * its client. Absent for a conversation a client reported (the garage is a team: the thread
   * names each member who wrote).
   */
  target?: AdminAccountView;
  /** Absent when the whole conversation is reported. */
  message?: ReportedMessage;
}

/**
 * A reported conversation read by an admin (`GET /api/admin/reports/:id/messages`), oldest first,
 * as its client reads it (a garage's internal notes are left out), with the accounts that wrote
 * the page's messages.
 */
export interface AdminThreadPage extends Page<MessageView> {
  authors: AdminAccountView[];
}

/** POST /api/admin/accounts/:id/suspension and …/reinstatement: the admin's reason, kept and audited. */
export interface AccountSuspensionRequest {
  reason: string;
}

/** GET /api/admin/reports. */
export interface AdminReportsQuery {
  cursor?: string;
  limit?: number;
}

/** GET /api/admin/reports/:id/messages. */
export interface AdminThreadQuery {
  cursor?: string;
  limit?: number;
}
