import type { ApiError } from './errors';
import type { JoinRoomRequest, MarkReadRequest, SendMessageRequest, TypingRequest } from './requests';
import type { MembershipEndedEvent } from './team';
import type { ConversationView, IsoDate, MarkReadResponse, MessageView } from './views';

/** Event names: the seed's three are kept verbatim. */
export const SOCKET_EVENTS = {
  joinRoom: 'join-room',
  leaveRoom: 'leave-room',
  sendMessage: 'send-message',
  markRead: 'mark-read',
  typing: 'typing',
  newMessage: 'new-message',
  messagesRead: 'messages-read',
  conversationUpdated: 'conversation-updated',
  messageUpdated: 'message-updated',
  sessionReplaced: 'session-replaced',
  membershipEnded: 'membership-ended',
} as const;

/**
 * Why the server closed a socket with `session-replaced`: the account opened more sockets than
 * the per-account cap, and this one was the oldest. The client should not reconnect on its own.
 */
export const SESSION_REPLACED_REASON = 'too-many-sockets';

export interface SessionReplacedEvent {
  reason: typeof SESSION_REPLACED_REASON;
  message: string;
}

export type AckSuccess<T extends object = object> = { ok: true } & T;
export interface AckFailure {
  ok: false;
  error: Omit<ApiError, 'statusCode'>;
}
export type Ack<T extends object = object> = AckSuccess<T> | AckFailure;
export type AckCallback<T extends object = object> = (response: Ack<T>) => void;

export interface MessagesReadEvent {
  conversationId: string;
  readerId: string;
  lastReadMessageId: string;
  readAt: IsoDate;
}

export interface TypingEvent {
  conversationId: string;
  userId: string;
  isTyping: boolean;
  /** True when a member types an internal note: only the garage's members get this event. */
  note?: boolean;
}

export interface ConversationUpdatedEvent {
  conversation: ConversationView;
  /**
   * The receiving user's unread total over all conversations, for the menu badge, when a read
   * moved it (the reader's own tabs), or once a member who joined a garage has the garage's past
   * as read (their tabs: each conversation of their inbox's newest page, with the total). Absent
   * otherwise, a new message included: a client adds the
   * change of `conversation.unreadCount` since it last saw that conversation to its total, and
   * reads `GET /api/messages/unread-count` for a conversation it has not seen yet.
   */
  unreadTotal?: number;
}

/**
 * The server answers every event through its acknowledgement when the client passes one. Where
 * the answer carries a result (join-room, send-message, mark-read) the ack is required: without
 * it a client cannot know what happened. `leave-room` and `typing` may be sent without one (then
 * `emitWithAck` on them is typed loosely: socket.io-client cannot read an optional last argument).
 */
export interface ClientToServerEvents {
  /**
   * Follow a conversation (with that user, or by its id): this socket then receives its `typing`.
   * Answers the conversation's id, null while the two users have none.
   */
  'join-room': (payload: JoinRoomRequest, ack: AckCallback<{ conversationId: string | null }>) => void;
  /** Stop following a conversation joined with `join-room`. */
  'leave-room': (payload: JoinRoomRequest, ack?: AckCallback) => void;
  /**
   * Send a message, as POST /api/messages does: the ack carries the stored message once it is
   * durable. This socket gets no `new-message` for it (the sender's other tabs and the
   * recipient's do). A retry with the same clientMessageId is stored once.
   */
  'send-message': (payload: SendMessageRequest, ack: AckCallback<{ message: MessageView }>) => void;
  /** Mark as read everything that user sent me, as PUT /api/messages/read does; they receive `messages-read`. */
  'mark-read': (payload: MarkReadRequest, ack: AckCallback<{ result: MarkReadResponse }>) => void;
  /** I am (or stopped) typing to that user: relayed, never stored, to the sockets that joined the conversation. */
  typing: (payload: TypingRequest, ack?: AckCallback) => void;
}

/** The Socket.IO handshake's `auth`: `io(origin, { path: '/socket.io', auth: { token } })`. */
export interface SocketHandshakeAuth {
  /** The `accessToken` from register or login. */
  token: string;
}

/**
 * The `data` of the `connect_error` a refused handshake gets (UNAUTHENTICATED, TOKEN_EXPIRED, …);
 * the error's message is `"<code>: <message>"`.
 */
export type SocketConnectErrorData = Pick<ApiError, 'code' | 'message'>;

export interface ServerToClientEvents {
  /**
   * A message sent to me or by me (over REST, or from another of my sockets), to each of my
   * sockets except the one that sent it (its ack has it).
   */
  'new-message': (message: MessageView) => void;
  /** The other user read my messages up to `lastReadMessageId`. */
  'messages-read': (event: MessagesReadEvent) => void;
  /** Someone in a conversation this socket joined is (or stopped) typing. */
  typing: (event: TypingEvent) => void;
  /** A conversation of mine changed (new message, read, archive): my own view of it, with my unread total. */
  'conversation-updated': (event: ConversationUpdatedEvent) => void;
  /** An edited or deleted message (see MessageView.editedAt/deletedAt), to both people's every tab. */
  'message-updated': (message: MessageView) => void;
  /** Sent just before the server closes this socket because its account opened too many. */
  'session-replaced': (event: SessionReplacedEvent) => void;
  /**
   * Sent just before the server closes this socket because its garage removed the member (or the
   * member left): the account stays, without the garage; log in again to go on.
   */
  'membership-ended': (event: MembershipEndedEvent) => void;
}

/**
 * Rooms: every socket of a user joins `user:<id>`, every socket of a garage's member
 * `garage:<garageId>` (the garage's conversations' messages and reads); `join-room` adds
 * `conversation:<id>`.
 */
export const userRoom = (userId: string) => `user:${userId}`;
export const garageRoom = (garageId: string) => `garage:${garageId}`;
export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;
