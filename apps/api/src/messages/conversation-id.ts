import { hash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * A pair of users has exactly one conversation, and its id is computed from the pair: the
 * first 12 bytes of SHA-256 over the two sorted user ids. Finding "the conversation between
 * A and B" is then a lookup by `_id`, the one query every server (FerretDB included) answers
 * from an index, and two first messages racing each other meet on the same `_id`.
 * Its ObjectId timestamp means nothing; the document has createdAt for that. Computed for every
 * message: the one-shot `hash` costs a fraction of a Hash object's creation, update and digest.
 */
export function conversationIdFor(userA: string, userB: string): Types.ObjectId {
  const [first, second] = userA < userB ? [userA, userB] : [userB, userA];
  return new Types.ObjectId(hash('sha256', `${first}:${second}`, 'buffer').subarray(0, 12));
}
