import type { AppointmentStatus, SignUpRole } from './roles';

/** Request shapes. The validated classes in `@promoto/shared-dto/validation` implement them. */
export interface GarageRegistration {
  name: string;
  city: string;
  address: string;
}

export interface RegisterRequest {
  email: string;
  password: string;
  name: string;
  /** `client` or `garagiste`: an admin account is never made by sign-up. */
  role: SignUpRole;
  /** Required for a garagiste (creates their garage); refused for a client. */
  garage?: GarageRegistration;
}

export interface LoginRequest {
  email: string;
  password: string;
}

/** DELETE /api/me: the account's password, to confirm that its owner deletes it. */
export interface DeleteAccountRequest {
  password: string;
}

/** REST body of POST /api/auth/refresh: the refresh token of the last AuthResponse. */
export interface RefreshRequest {
  refreshToken: string;
}

/** REST body of POST /api/messages and payload of the `send-message` event. */
export interface SendMessageRequest {
  recipientId: string;
  /** May be '' when the message carries attachments. */
  content: string;
  appointmentId?: string;
  /**
   * Chosen by the client; a retry with the same id is stored once and answered with the message
   * stored the first time. The same id with another recipient is refused (409 CONFLICT) and
   * changes nothing.
   */
  clientMessageId?: string;
  /** Up to LIMITS.attachmentsPerMessage of my own uploads (POST /api/attachments) not sent yet. */
  attachmentIds?: string[];
  /**
   * True: an internal note (kind 'note') for the garage's members, never served to the client, in
   * a conversation that exists already. Members of a garage only (403 FORBIDDEN for a client;
   * 404 NOT_FOUND when the garage has no conversation with this client yet).
   */
  note?: boolean;
}

/**
 * PATCH /api/messages/:id: the author replaces the content, within LIMITS.editWindowMs of sending
 * (409 EDIT_WINDOW_PASSED after it, 403 FORBIDDEN for someone else's or a deleted message).
 * DELETE /api/messages/:id takes no body. Both answer the updated MessageView.
 */
export interface EditMessageRequest {
  content: string;
}

/** PUT /api/messages/read: marks as read everything `userId` sent me so far. */
export interface MarkReadRequest {
  userId: string;
}

/** Query of GET /api/messages/conversation/:userId. `before` and `after` are message ids. */
export interface HistoryQuery {
  before?: string;
  after?: string;
  limit?: number;
}

/** Where a conversation is listed for its member: archived ones come back to the inbox on a new message. */
export const CONVERSATION_FOLDERS = ['inbox', 'archived'] as const;
export type ConversationFolder = (typeof CONVERSATION_FOLDERS)[number];

/** A garage's member's inbox filters: « À moi » ('me'), « Non assignées » ('none'); « Toutes » when absent. */
export const ASSIGNMENT_FILTERS = ['me', 'none'] as const;
export type AssignmentFilter = (typeof ASSIGNMENT_FILTERS)[number];

export interface ConversationsQuery {
  cursor?: string;
  limit?: number;
  /** 'inbox' when absent. */
  folder?: ConversationFolder;
  /**
   * A garage's member only (403 FORBIDDEN for a client): the conversations assigned to me ('me')
   * or to nobody ('none'); every conversation when absent.
   */
  assigned?: AssignmentFilter;
}

/**
 * PUT /api/messages/conversation/:userId/assignee, by any member of the garage: the member the
 * conversation with that client is assigned to (404 NOT_FOUND unless a current member of my
 * garage), or nobody (null or absent).
 */
export interface AssignConversationRequest {
  assigneeId?: string | null;
}

export interface GaragesQuery {
  /** The city, in any case and accents aside (« orleans » finds « Orléans »). */
  city?: string;
  /** Text in the garage's name, city or services. */
  q?: string;
}

/** Query of GET /api/garages/search: garages by name (then id); `cursor` is the previous page's nextCursor. */
export interface GaragesPageQuery extends GaragesQuery {
  cursor?: string;
  limit?: number;
}

export interface CreateAppointmentRequest {
  garageId: string;
  /** ISO 8601 date-time in the future. */
  scheduledAt: string;
  service: string;
  note?: string;
  /** One of the client's vehicles (GET /api/vehicles): the booking keeps what it was then. */
  vehicleId?: string;
}

/** Query of GET /api/appointments: newest booking first; `cursor` is the previous page's nextCursor. */
export interface AppointmentsQuery {
  cursor?: string;
  limit?: number;
}

export interface UpdateAppointmentStatusRequest {
  status: AppointmentStatus;
  /** Why (at most LIMITS.bookingReasonMaxLength characters), written into the booking's notice. */
  reason?: string;
}

/**
 * PATCH /api/appointments/:id/schedule: the garagiste, or the client, moves a booking that is still
 * open to a free slot of the garage.
 */
export interface RescheduleAppointmentRequest {
  /** ISO 8601 date-time in the future. */
  scheduledAt: string;
}

/** `join-room` payload: the other user, or a conversation I am part of. */
export interface JoinRoomRequest {
  userId?: string;
  conversationId?: string;
}

/** `typing` payload: I am (or stopped) typing to that user. */
export interface TypingRequest {
  recipientId: string;
  isTyping: boolean;
  /** True while a member of the garage types an internal note: relayed to the garage's members only. */
  note?: boolean;
}
