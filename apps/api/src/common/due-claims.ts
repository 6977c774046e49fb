import type { Model } from 'mongoose';
import { isDuplicateKey } from '../database/mongo-errors';

/** A claim on one scheduled item at one due time: `_id` is dueClaimKey's. */
export interface DueClaim {
  _id: string;
  claimedAt: Date;
}

/** `<item id>@<due time ms>`: unique, so that of the processes claiming one item at one due time, one wins. */
export const dueClaimKey = (itemId: string, dueAt: Date) => `${itemId}@${dueAt.getTime()}`;

export interface DueClaimRequest {
  claims: Model<DueClaim>;
  itemId: string;
  dueAt: Date;
  leaseMs: number;
  /**
   * Moves the item's due time from `dueAt` to `to`, only if it is still pending at `dueAt` (a
   * conditional single-document update, atomic on MongoDB and on our FerretDB build); true when it did.
   */
  moveDue: (to: Date) => Promise<boolean>;
}

/**
 * Claims a scheduled item (an e-mail, a privacy job) at its due time for this process, which then
 * holds it until the answered time: inserting the claim is the claim, then the item's due time
 * moves on by a lease, so if the process dies the item falls due again and another one takes it.
 * A claim left by a process that died between the two is released after a lease, by moving the due
 * time to now. Null when another process has it.
 */
export async function claimDue({ claims, itemId, dueAt, leaseMs, moveDue }: DueClaimRequest): Promise<Date | null> {
  const key = dueClaimKey(itemId, dueAt);
  const now = new Date();
  try {
    await claims.create({ _id: key, claimedAt: now });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const existing = await claims.findById(key).lean<DueClaim>().exec();
    if (existing && now.getTime() - existing.claimedAt.getTime() > leaseMs) await moveDue(now);
    return null;
  }
  const heldUntil = new Date(now.getTime() + leaseMs);
  return (await moveDue(heldUntil)) ? heldUntil : null;
}
