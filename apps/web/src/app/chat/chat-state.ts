import type {
  AttachmentView,
  AwayNoticePayload,
  BookingEventPayload,
  ConversationView,
  MessageView,
  QuoteDecisionPayload,
  QuotePayload,
  VehicleReminderPayload,
} from '@promoto/shared-dto';
import { compareIds } from '../core/ids';
import type { LoadStatus } from '../core/loadable';

/** `pending` until the server stores it, `failed` when that did not happen (retry possible). */
type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** A file of a message of mine on its way: uploaded once, even when the send is retried. */
export interface OutgoingUpload {
  localId: string;
  file: File;
  /** An object URL of the file, for an image's preview. */
  previewUrl: string | null;
  /** 0 to 1. */
  progress: number;
  /** Set once the upload is stored. */
  attachmentId?: string;
}

/** A message as the thread shows it: a stored one, or one of mine on its way. */
export interface ChatMessage {
  /** Stable across pending → sent, so that the bubble stays in place on screen. */
  key: string;
  /** The server id; null until stored. */
  id: string | null;
  clientMessageId?: string;
  senderId: string;
  recipientId: string;
  /** The garage of the conversation (see MessageView.garageId). */
  garageId?: string;
  /** The garage's member who wrote it (« Marc »), on the garage's side's messages. */
  senderName?: string;
  content: string;
  appointmentId?: string;
  createdAt: string;
  /** Set once its author edited it. */
  editedAt?: string;
  /** Set once its author deleted it; its content is then ''. */
  deletedAt?: string;
  /** Set on a booking's notice (kind 'booking-event'), shown centred rather than as a bubble. */
  bookingEvent?: BookingEventPayload;
  /** Set on the garage's automatic answer outside its opening hours (kind 'away-notice'), shown centred too. */
  awayNotice?: AwayNoticePayload;
  /** Set on a garage's quote (kind 'quote'), drawn as a card in its author's bubble. */
  quote?: QuotePayload;
  /** Set on the notice of the client's answer to a quote (kind 'quote-decision'), shown centred. */
  quoteDecision?: QuoteDecisionPayload;
  /** An internal note (kind 'note'): written by a member for the garage's members, never shown to the client. */
  note?: boolean;
  /** Set on a garage's reminder on the client's vehicle (kind 'vehicle-reminder'), shown centred too. */
  vehicleReminder?: VehicleReminderPayload;
  attachments?: AttachmentView[];
  /** The files of a message of mine not stored yet. */
  uploads?: OutgoingUpload[];
  status: DeliveryStatus;
  /** Why the send failed, in French. */
  error?: string;
}

/** The open conversation with one person, or one kept in memory after leaving it. */
export interface Thread {
  peerId: string;
  conversationId: string | null;
  /** Chronological: stored messages by id, then mine still on their way. */
  messages: ChatMessage[];
  /** `before` cursor of the next older page; null when the beginning is loaded. */
  olderCursor: string | null;
  /**
   * The newest id up to which the thread is known to have no gap (pages and live events).
   * Catch-up after a reconnection asks for what came after it.
   */
  syncedId: string | null;
  status: LoadStatus;
  loadingOlder: boolean;
  /**
   * Where « Nouveaux messages » goes: the first message that was unread when the thread was
   * opened, decided once per opening (undefined until then), null when nothing was unread.
   */
  firstUnreadKey?: string | null;
  error: string | null;
}

export function emptyThread(peerId: string): Thread {
  return {
    peerId,
    conversationId: null,
    messages: [],
    olderCursor: null,
    syncedId: null,
    status: 'loading',
    loadingOlder: false,
    error: null,
  };
}

/**
 * The thread a message belongs to, named as the user names it: to a client the garage, to a
 * member of a garage the client (whichever colleague wrote), between two people the other one.
 * `mySides`: the user's id, and their garage's when they belong to one (SessionScope.sides).
 */
export function peerOf(
  message: Pick<MessageView, 'senderId' | 'recipientId' | 'garageId'>,
  mySides: readonly string[],
) {
  if (!mySides.includes(message.recipientId)) return message.recipientId;
  return message.garageId && !mySides.includes(message.garageId) ? message.garageId : message.senderId;
}

/**
 * Whether a message of the thread with `peerId` comes from that other side: written to my side,
 * by the client, or by any member of the garage (not by me, nor by a colleague of mine).
 */
export const fromPeer = (message: Pick<ChatMessage, 'recipientId'>, peerId: string) => message.recipientId !== peerId;

export function messageKey(senderId: string, clientMessageId: string | undefined, id: string): string {
  return clientMessageId ? `${senderId}:${clientMessageId}` : id;
}

function fromView(view: MessageView): ChatMessage {
  return {
    key: messageKey(view.senderId, view.clientMessageId, view.id),
    id: view.id,
    clientMessageId: view.clientMessageId,
    senderId: view.senderId,
    recipientId: view.recipientId,
    ...(view.garageId ? { garageId: view.garageId } : {}),
    ...(view.senderName ? { senderName: view.senderName } : {}),
    content: view.content,
    appointmentId: view.appointmentId,
    createdAt: view.createdAt,
    ...(view.editedAt ? { editedAt: view.editedAt } : {}),
    ...(view.deletedAt ? { deletedAt: view.deletedAt } : {}),
    ...(view.kind === 'booking-event' && view.bookingEvent ? { bookingEvent: view.bookingEvent } : {}),
    ...(view.kind === 'away-notice' && view.awayNotice ? { awayNotice: view.awayNotice } : {}),
    ...(view.kind === 'quote' && view.quote ? { quote: view.quote } : {}),
    ...(view.kind === 'quote-decision' && view.quoteDecision ? { quoteDecision: view.quoteDecision } : {}),
    ...(view.kind === 'note' ? { note: true } : {}),
    ...(view.kind === 'vehicle-reminder' && view.vehicleReminder ? { vehicleReminder: view.vehicleReminder } : {}),
    ...(view.attachments?.length ? { attachments: view.attachments } : {}),
    status: 'sent',
  };
}

function isSameMessage(message: ChatMessage, view: MessageView): boolean {
  if (message.id !== null) return message.id === view.id;
  return (
    message.clientMessageId !== undefined &&
    message.clientMessageId === view.clientMessageId &&
    message.senderId === view.senderId
  );
}

function chronological(a: ChatMessage, b: ChatMessage): number {
  if (a.id === null || b.id === null) return a.id === null ? (b.id === null ? 0 : 1) : -1;
  return compareIds(a.id, b.id);
}

/**
 * Adds stored messages to a thread. A message already there (same id, or same sender and
 * clientMessageId when it came back by acknowledgement and by event) is replaced, never doubled.
 * Stored messages sort by id; those still on their way stay after them in sending order.
 */
export function mergeMessages(messages: readonly ChatMessage[], incoming: readonly MessageView[]): ChatMessage[] {
  const merged = [...messages];
  for (const view of incoming) {
    const index = merged.findIndex((message) => isSameMessage(message, view));
    const stored = fromView(view);
    if (index === -1) merged.push(stored);
    else merged[index] = { ...stored, key: merged[index].key };
  }
  return merged.sort(chronological);
}

/** Applies an edit or deletion to the message it names, if the thread shows it. */
export function applyUpdate(messages: readonly ChatMessage[], view: MessageView): ChatMessage[] {
  return messages.map((message) => (message.id === view.id ? { ...fromView(view), key: message.key } : message));
}

/**
 * The first of the other side's last `unreadCount` messages, or null when none is unread. When
 * more are unread than the thread holds, the oldest one it holds.
 */
export function firstUnreadKey(messages: readonly ChatMessage[], peerId: string, unreadCount: number): string | null {
  if (unreadCount <= 0) return null;
  const theirs = messages.filter((message) => fromPeer(message, peerId) && message.id !== null);
  return theirs[Math.max(0, theirs.length - unreadCount)]?.key ?? null;
}

/**
 * Replaces the stored messages of a thread with a fresh newest page, keeping what the page
 * cannot know: mine still on their way, and anything newer than the page.
 */
export function replaceWithPage(messages: readonly ChatMessage[], page: readonly MessageView[]): ChatMessage[] {
  const newest = page.at(-1)?.id ?? null;
  const kept = messages.filter(
    (message) => message.id === null || newest === null || compareIds(message.id, newest) > 0,
  );
  return mergeMessages(kept, page);
}

/** The later of two ids, ignoring a missing one. */
export function maxId(a: string | null, b: string): string;
export function maxId(a: string | null, b: string | null | undefined): string | null;
export function maxId(a: string | null, b: string | null | undefined): string | null {
  if (!b) return a;
  if (!a) return b;
  return compareIds(a, b) >= 0 ? a : b;
}

/** Conversations most recently updated first. */
export function sortConversations(conversations: ConversationView[]): ConversationView[] {
  return conversations.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
}

/** Inserts or replaces one conversation, keeping the list sorted. */
export function upsertConversation(
  list: readonly ConversationView[],
  conversation: ConversationView,
): ConversationView[] {
  return sortConversations([conversation, ...list.filter((item) => item.id !== conversation.id)]);
}
