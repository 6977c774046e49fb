import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';

const processTag = randomBytes(3);
let counter = randomBytes(3).readUIntBE(0, 3);
let lastMillis = 0;

/**
 * Message ids order history, cursors and read watermarks, so they must follow time across
 * replicas. A standard ObjectId has second precision followed by a per-process random value:
 * two replicas writing in the same second would order their messages by that random value, and
 * a client catching up with `after` could miss the other replica's messages. These ids keep the
 * ObjectId layout (4-byte seconds first, so getTimestamp() still works) but spend the next two
 * bytes on milliseconds: ids from any replica sort by time to the millisecond, then by replica
 * and counter. Within a process they never go backwards, even if the clock does.
 */
export function newMessageId(): Types.ObjectId {
  const millis = Math.max(Date.now(), lastMillis);
  lastMillis = millis;
  counter = (counter + 1) % 0x1000000;
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(millis / 1000), 0);
  bytes.writeUInt16BE(millis % 1000, 4);
  processTag.copy(bytes, 6);
  bytes.writeUIntBE(counter, 9, 3);
  return new Types.ObjectId(bytes);
}
