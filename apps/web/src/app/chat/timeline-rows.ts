import { LIMITS, vehicleLabel, type AttachmentView } from '@promoto/shared-dto';
import { formatBookingTime, formatTime } from '../core/format';
import { compareIds } from '../core/ids';
import { fr } from '../i18n/fr';
import { formatSize, thumbnailBox } from './attachment-files';
import { bookingSummary, type BookingCard } from './booking-cards';
import { fromPeer, type ChatMessage, type OutgoingUpload } from './chat-state';
import { linkify, type TextSegment } from './linkify';
import { buildTimeline } from './timeline';

export type ShownStatus = 'pending' | 'sent' | 'read' | 'failed';

/** An attachment as a bubble draws it: its thumbnail's box and its size in words. */
export interface ShownAttachment extends AttachmentView {
  box: { width: number; height: number };
  sizeLabel: string;
}

export interface MessageRow {
  kind: 'message';
  key: string;
  message: ChatMessage;
  groupStart: boolean;
  groupEnd: boolean;
  /** On my side of the thread: mine, or a colleague's in a garage. */
  own: boolean;
  /** An internal note: for the garage's members only, drawn apart and without read ticks. */
  note: boolean;
  /** Who of the garage wrote it (« Marc · Garage Dupont » to the client, « Marc » to a colleague); null when mine or the client's. */
  author: string | null;
  deleted: boolean;
  /**
   * A message that held only files, all of them erased since (their uploader's account was deleted):
   * « Fichier supprimé » instead of an empty bubble.
   */
  filesErased: boolean;
  edited: boolean;
  segments: TextSegment[];
  attachments: ShownAttachment[];
  /** My files still on their way (a message not stored yet). */
  uploads: OutgoingUpload[];
  createdAt: string;
  time: string;
  /** The time and ticks: on a group's last bubble, and on mine that are pending or failed. */
  showMeta: boolean;
  status: ShownStatus | null;
  /** The tick in words: « Lu par le garage » once one of the garage's members read the client's message. */
  statusLabel: string | null;
  error: string | null;
  canEdit: boolean;
  canDelete: boolean;
  /** The other side's message, stored and not deleted: « Signaler ». */
  canReport: boolean;
  /** The booking marker, « 📅 À propos du rendez-vous : … ». */
  about: string | null;
  /**
   * On a quote: how many later messages of the thread changed where it stands (answers to it, a
   * version replacing it), so that its card reads it again when one arrives; 0 otherwise.
   */
  quoteChanges: number;
}

export interface NoticeRow {
  kind: 'notice';
  key: string;
  message: ChatMessage;
  text: string;
  /** A vehicle reminder's « Prendre rendez-vous », for the client it was written to. */
  booking?: { garageId: string; vehicleId: string };
  createdAt: string;
  time: string;
}

export type ThreadRow =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'unread'; key: string }
  | NoticeRow
  | MessageRow;

export interface ThreadRowsInput {
  messages: readonly ChatMessage[];
  /** The « Nouveaux messages » divider goes before this message. */
  firstUnreadKey: string | null;
  now: number;
  /** The signed-in user: only their messages can be changed. */
  me: string | null;
  /** The other side: its messages are the other bubbles, all others are on my side. */
  peerId: string | null;
  /** The garage's name, when the other side is a garage (the reader is its client). */
  garageName: string | null;
  /** The other person has read my messages up to this id. */
  readUpTo: string | null;
  bookings: ReadonlyMap<string, BookingCard>;
}

/**
 * The rows the thread draws: the timeline's days, divider, groups and notices (see
 * buildTimeline), each message with what its bubble shows — whose it is, its text cut into
 * links, its files, its time and tick, its booking marker and what I may still do with it.
 */
export function buildTimelineRows(input: ThreadRowsInput): ThreadRow[] {
  const { now, me, peerId, garageName, readUpTo, bookings } = input;
  const quoteChanges = countQuoteChanges(input.messages);
  return buildTimeline(input.messages, now, input.firstUnreadKey).map((row): ThreadRow => {
    if (row.kind === 'notice') {
      const event = row.message.bookingEvent;
      const reminder = row.message.vehicleReminder;
      const garageId = row.message.garageId;
      return {
        ...row,
        ...(reminder && garageId && row.message.recipientId === me
          ? { booking: { garageId, vehicleId: reminder.vehicle.vehicleId } }
          : {}),
        text: event
          ? fr.chat.bookingNotice(
              event.action,
              formatBookingTime(event.scheduledAt),
              event.service,
              event.reason,
              event.vehicle && vehicleLabel(event.vehicle),
            )
          : row.message.content,
        createdAt: row.message.createdAt,
        time: formatTime(row.message.createdAt),
      };
    }
    if (row.kind !== 'message') return row;
    const { message } = row;
    // My side's: mine, or, in a garage, a colleague's (shown on my side, with their name).
    const own = peerId === null ? message.senderId === me : !fromPeer(message, peerId);
    const mine = message.senderId === me;
    const booking = message.appointmentId ? bookings.get(message.appointmentId) : undefined;
    const deleted = message.deletedAt !== undefined;
    const note = message.note === true;
    const status = own ? shownStatus(message, readUpTo, note) : null;
    const stored = mine && message.id !== null && !deleted;
    return {
      ...row,
      own,
      note,
      author:
        !mine && message.senderName
          ? garageName
            ? fr.chat.author(message.senderName, garageName)
            : message.senderName
          : null,
      deleted,
      filesErased:
        !deleted &&
        message.id !== null &&
        !message.content &&
        !message.quote &&
        (message.attachments ?? []).length === 0,
      edited: !deleted && message.editedAt !== undefined,
      // A quote is drawn as its card; its content is the summary for previews and e-mails.
      segments: deleted || message.quote ? [] : linkify(message.content),
      attachments: deleted
        ? []
        : (message.attachments ?? []).map((attachment) => ({
            ...attachment,
            box: thumbnailBox(attachment.width, attachment.height),
            sizeLabel: formatSize(attachment.size),
          })),
      uploads: message.id === null ? (message.uploads ?? []) : [],
      createdAt: message.createdAt,
      time: formatTime(message.createdAt),
      showMeta: row.groupEnd || status === 'pending' || status === 'failed',
      status,
      statusLabel: status === 'read' && garageName ? fr.chat.readByGarage : status && fr.chat.status[status],
      error: message.error ?? null,
      canEdit: stored && !message.quote && now - Date.parse(message.createdAt) < LIMITS.editWindowMs,
      canDelete: stored && !message.quote,
      canReport: !own && message.id !== null && !deleted,
      about: message.appointmentId
        ? booking
          ? fr.chat.aboutAppointment(bookingSummary(booking), fr.appointments.statusLabel[booking.status])
          : fr.chat.aboutUnknownAppointment
        : null,
      quoteChanges: message.quote ? (quoteChanges.get(message.quote.quoteId) ?? 0) : 0,
    };
  });
}

/** By quote id: the thread's answers to it and the versions that replace it. */
function countQuoteChanges(messages: readonly ChatMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    const changed = message.quoteDecision?.quoteId ?? message.quote?.supersedesQuoteId;
    if (changed) counts.set(changed, (counts.get(changed) ?? 0) + 1);
  }
  return counts;
}

/** A note is never the client's to read: it shows only whether it is on its way or failed. */
function shownStatus(message: ChatMessage, readUpTo: string | null, note: boolean): ShownStatus | null {
  if (message.status !== 'sent' || message.id === null) return message.status;
  if (note) return null;
  return readUpTo !== null && compareIds(message.id, readUpTo) <= 0 ? 'read' : 'sent';
}
