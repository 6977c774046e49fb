import type { AttachmentView } from './attachments';
import type { BookingEventPayload, MessageKind } from './booking-events';
import type { AwayNoticePayload } from './opening-hours';
import type { ApprovedQuoteAmount, QuoteDecisionPayload, QuotePayload } from './quotes';
import type { VehicleReminderPayload } from './reminders';
import type { AppointmentStatus, SignUpRole, UserRole } from './roles';
import type { GarageRole } from './team';
import type { BookingVehicle } from './vehicles';

/**
 * Dates travel as ISO 8601 strings; ids as 24-hex strings.
 * @format date-time
 */
export type IsoDate = string;

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  garageId?: string;
  /** The garagiste's role in the garage of `garageId`. */
  garageRole?: GarageRole;
}

/**
 * What register, login and refresh answer: a short-lived access token (a JWT, 15 minutes by
 * default) and the refresh token that gets the next pair from `POST /api/auth/refresh`, once.
 */
export interface AuthResponse {
  accessToken: string;
  /** Opaque, single use: refreshing answers a new one, and using one twice ends its session. */
  refreshToken: string;
  user: UserView;
}

export interface GarageView {
  id: string;
  name: string;
  city: string;
  address: string;
  services: string[];
  ownerId: string;
  ownerName: string;
}

export interface AppointmentView {
  id: string;
  clientId: string;
  clientName: string;
  garageId: string;
  garageName: string;
  garagisteId: string;
  scheduledAt: IsoDate;
  service: string;
  note?: string;
  /** The client's vehicle the booking is for, as it was when booked. */
  vehicle?: BookingVehicle;
  status: AppointmentStatus;
  createdAt: IsoDate;
  /** The amount the client approved on the booking's latest answered quote, once they answered one. */
  approvedQuote?: ApprovedQuoteAmount;
}

export interface MessageView {
  id: string;
  conversationId: string;
  /** Who wrote it: the client, or the member of the garage who did. */
  senderId: string;
  /** The client, or the garage's id (`garageId`) for a message the client wrote to the garage. */
  recipientId: string;
  /**
   * Set on the messages of a conversation between a client and a garage (all of them since 0.14.0):
   * the garage's id, the same on every message whichever member wrote or read it.
   */
  garageId?: string;
  /** The name of the garage's member who wrote it (« Marc »), on the garage's side's messages. */
  senderName?: string;
  content: string;
  appointmentId?: string;
  clientMessageId?: string;
  createdAt: IsoDate;
  /** Set when its author edited it (within LIMITS.editWindowMs of createdAt). */
  editedAt?: IsoDate;
  /** Set when its author deleted it; a deleted message keeps its place and has content ''. */
  deletedAt?: IsoDate;
  /**
   * Absent on text messages (read a missing `kind` as 'text'); 'booking-event' on the notices the
   * API writes when a booking changes, whose `content` is the notice in French and whose
   * `bookingEvent` carries the booking. A booking event cannot be edited or deleted. 'note' on an
   * internal note: written by a member of the garage for its members about the conversation with
   * the client (`recipientId`), served to the members only, never to the client, and counted unread
   * by nobody; only its author edits or deletes it.
   */
  kind?: MessageKind;
  /** Present exactly when kind is 'booking-event'. */
  bookingEvent?: BookingEventPayload;
  /**
   * Present exactly when kind is 'away-notice': the garage's automatic answer to a client who wrote
   * outside its opening hours, once per closed period; `content` says when it opens again.
   */
  awayNotice?: AwayNoticePayload;
  /**
   * Present exactly when kind is 'quote': a garage's quote as sent, immutable (`content` sums it up
   * in French). Its answers and whether a newer version replaced it: GET /api/quotes/:quoteId.
   */
  quote?: QuotePayload;
  /** Present exactly when kind is 'quote-decision': the client's answer to a quote's lines. */
  quoteDecision?: QuoteDecisionPayload;
  /**
   * Present exactly when kind is 'vehicle-reminder': the garage's reminder on the client's vehicle, at
   * its date (« Vidange dans 6 mois »); `content` says it in French.
   */
  vehicleReminder?: VehicleReminderPayload;
  /** Photos and documents sent with the message (at most LIMITS.attachmentsPerMessage); absent when none or once deleted. */
  attachments?: AttachmentView[];
}

export interface MessagePreview {
  id: string;
  senderId: string;
  /** The name of the garage's member who wrote it, on the garage's side's messages. */
  senderName?: string;
  /** The start of the content, at most LIMITS.previewLength characters ('' once deleted). */
  content: string;
  appointmentId?: string;
  createdAt: IsoDate;
  /** Set when its author deleted it, so that the list can say so. */
  deletedAt?: IsoDate;
  /** True when it is an internal note (to the garage's members only: a client's preview never shows one). */
  note?: boolean;
}

/**
 * The other side of a conversation. To a client, a garage: `id` is the garage's id, which the
 * client's routes take as any of its members' ids; to a member of a garage, the client.
 */
export interface ConversationParticipant {
  id: string;
  name: string;
  role: SignUpRole;
  garageName?: string;
  /** A garagiste's garage (`GET /api/users/:id`): to a client, their conversation is the garage's, named by this id. */
  garageId?: string;
}

/** The member a conversation is assigned to. */
export interface ConversationAssignee {
  id: string;
  name: string;
}

/** A conversation as the asking user sees it. */
export interface ConversationView {
  id: string;
  otherUser: ConversationParticipant;
  lastMessage?: MessagePreview;
  /** Messages the other side sent that I have not read (each member of a garage has their own). */
  unreadCount: number;
  /**
   * The other side's read watermark: my side's messages at or below it are read. To the client,
   * the garage's: read as soon as one member read them (« Lu par le garage »).
   */
  otherLastReadMessageId?: string;
  /**
   * The member of the garage the conversation is assigned to (« Assigner à… »): shown to the
   * garage's members only, absent when nobody is. Unread e-mails and pushes go to them alone.
   */
  assignee?: ConversationAssignee;
  /**
   * True when I archived it (garagistes only, PUT /api/messages/conversation/:userId/archive):
   * it is listed in the 'archived' folder until a new message brings it back to the inbox.
   */
  archived: boolean;
  updatedAt: IsoDate;
}

export interface Page<T> {
  items: T[];
  /** Pass back as the cursor to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** A page of garages, with how many match the search over all pages. */
export interface GaragePage extends Page<GarageView> {
  total: number;
}

export interface UnreadCountView {
  total: number;
}

export interface MarkReadResponse {
  conversationId: string;
  /** My new watermark; null when the conversation has no message yet. */
  lastReadMessageId: string | null;
  readAt: IsoDate;
  /** My unread total after this read, for the menu badge. */
  unreadTotal: number;
}
