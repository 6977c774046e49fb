import { Types } from 'mongoose';
import type { StoredMessage } from '../message.schema';

const START = Date.parse('2026-11-02T08:00:00Z');
let made = 0;

/**
 * For unit tests: a maker of stored messages between two people, sent a number of minutes after a
 * fixed start, with an id from that time as the API makes them (so ids and times sort alike).
 */
export function storedMessageAt(first: Types.ObjectId, second: Types.ObjectId) {
  return (from: Types.ObjectId, minutes: number, kind?: 'booking-event'): StoredMessage => {
    const createdAt = new Date(START + minutes * 60_000);
    made += 1;
    const seconds = Math.floor(createdAt.getTime() / 1000)
      .toString(16)
      .padStart(8, '0');
    return {
      _id: new Types.ObjectId(`${seconds}${made.toString(16).padStart(16, '0')}`),
      conversation: new Types.ObjectId(),
      sender: from,
      recipient: from.equals(first) ? second : first,
      content: 'x',
      idempotencyKey: `k${made}`,
      createdAt,
      ...(kind ? { kind } : {}),
    } as StoredMessage;
  };
}
