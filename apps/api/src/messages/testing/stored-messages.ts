import { Types } from 'mongoose';
import type { StoredMessage } from '../message.schema';

const START = Date.parse('2026-11-02T08:00:00Z');
let made = 0;

/**
 * For tests: a stored message sent at `createdAt`, its id made from that time as the API makes
 * them (so that ids and times sort alike), unique however many share a second.
 */
export function storedMessage(
  sender: Types.ObjectId,
  recipient: Types.ObjectId,
  createdAt: Date,
  extra: Partial<StoredMessage> = {},
): StoredMessage {
  made += 1;
  const seconds = Math.floor(createdAt.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return {
    _id: new Types.ObjectId(`${seconds}${made.toString(16).padStart(16, '0')}`),
    conversation: new Types.ObjectId(),
    sender,
    recipient,
    content: 'x',
    idempotencyKey: `test-${made}`,
    createdAt,
    ...extra,
  } as StoredMessage;
}

/** For unit tests: a maker of messages between two people, sent a number of minutes after a fixed start. */
export function storedMessageAt(first: Types.ObjectId, second: Types.ObjectId) {
  return (from: Types.ObjectId, minutes: number, kind?: 'booking-event'): StoredMessage =>
    storedMessage(from, from.equals(first) ? second : first, new Date(START + minutes * 60_000), kind ? { kind } : {});
}
