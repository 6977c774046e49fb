import { dayKey, formatDay } from '../core/format';
import type { ChatMessage } from './chat-state';

/** Consecutive messages of one person further apart than this start a new group. */
const GROUP_GAP_MS = 10 * 60_000;

export type TimelineRow =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'unread'; key: string }
  /** A notice (a booking's change, the garage's away notice, a quote's answer): centred, between groups, never part of one. */
  | { kind: 'notice'; key: string; message: ChatMessage }
  | {
      kind: 'message';
      key: string;
      message: ChatMessage;
      /** First bubble of a run of one person's messages. */
      groupStart: boolean;
      /** Last bubble of the run: the one that shows the time. */
      groupEnd: boolean;
    };

/**
 * The rows of a thread: a separator before each new day, the « Nouveaux messages » divider before
 * `firstUnreadKey`, the messages grouped by person (same day, no divider or notice between, less
 * than GROUP_GAP_MS apart), and the booking notices on rows of their own.
 */
export function buildTimeline(
  messages: readonly ChatMessage[],
  now: number,
  firstUnreadKey: string | null,
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let previous: ChatMessage | null = null;
  let previousRow: Extract<TimelineRow, { kind: 'message' }> | null = null;
  for (const message of messages) {
    const day = dayKey(message.createdAt);
    const newDay = previous === null || dayKey(previous.createdAt) !== day;
    if (newDay) rows.push({ kind: 'day', key: `day:${day}`, label: formatDay(message.createdAt, now) });
    const divider = message.key === firstUnreadKey;
    if (divider) rows.push({ kind: 'unread', key: 'unread' });
    if (message.bookingEvent || message.awayNotice || message.quoteDecision || message.vehicleReminder) {
      rows.push({ kind: 'notice', key: message.key, message });
      previousRow = null;
      previous = message;
      continue;
    }
    const continues: boolean =
      previous !== null &&
      previousRow !== null &&
      !newDay &&
      !divider &&
      previous.senderId === message.senderId &&
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) < GROUP_GAP_MS;
    if (previousRow) previousRow.groupEnd = !continues;
    previousRow = { kind: 'message', key: message.key, message, groupStart: !continues, groupEnd: true };
    rows.push(previousRow);
    previous = message;
  }
  return rows;
}
