import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';

const COUNTER_LIMIT = 0x1000000;

export interface MessageIdSource {
  now(): number;
  processTag: Buffer;
  /** The counter's value before the first id of a millisecond. */
  counterStart?: number;
}

/**
 * Message ids order history, cursors and read watermarks, so they must follow time across
 * replicas. A standard ObjectId has second precision followed by a per-process random value:
 * two replicas writing in the same second would order their messages by that random value, and
 * a client catching up with `after` could miss the other replica's messages. These ids keep the
 * ObjectId layout (4-byte seconds first, so getTimestamp() still works) but spend the next two
 * bytes on milliseconds: ids from any replica sort by time to the millisecond, then by replica
 * and counter. Within a process they never go backwards: not when the clock does, and not when
 * more than 2^24 ids are made in one millisecond (the id then borrows the next millisecond).
 */
export function messageIdGenerator({ now, processTag, counterStart = 0 }: MessageIdSource): () => Types.ObjectId {
  let lastMillis = 0;
  let counter = counterStart;
  return () => {
    let millis = Math.max(now(), lastMillis);
    if (millis === lastMillis) {
      counter += 1;
      if (counter === COUNTER_LIMIT) {
        millis += 1;
        counter = 0;
      }
    } else {
      counter = counterStart;
    }
    lastMillis = millis;
    const bytes = Buffer.alloc(12);
    bytes.writeUInt32BE(Math.floor(millis / 1000), 0);
    bytes.writeUInt16BE(millis % 1000, 4);
    processTag.copy(bytes, 6);
    bytes.writeUIntBE(counter, 9, 3);
    return new Types.ObjectId(bytes);
  };
}

export const newMessageId = messageIdGenerator({ now: Date.now, processTag: randomBytes(3) });

/** The smallest id above `id` (its 12 bytes read as one number, plus one). */
export function idAfter(id: Types.ObjectId): Types.ObjectId {
  const bytes = Buffer.from(id.id);
  for (let index = bytes.length - 1; index >= 0; index -= 1) {
    bytes[index] = (bytes[index] + 1) & 0xff;
    if (bytes[index] !== 0) break;
  }
  return new Types.ObjectId(bytes);
}

/** The later of two ids. */
export const laterId = (a: Types.ObjectId, b: Types.ObjectId): Types.ObjectId =>
  a.toHexString() >= b.toHexString() ? a : b;

/** The first id a message stored at `time` (or later) can have: a watermark in time. */
export function idAt(time: number): Types.ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(time / 1000), 0);
  bytes.writeUInt16BE(time % 1000, 4);
  return new Types.ObjectId(bytes);
}
