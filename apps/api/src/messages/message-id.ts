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
