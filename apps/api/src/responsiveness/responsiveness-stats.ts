import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import { isDuplicateKey } from '../database/mongo-errors';
import { retryTransient } from '../database/transient-retry';
import { GarageResponsiveness } from './garage-responsiveness.schema';
import { RING_DAYS, dayOf, type DayCounts, type DaySlot } from './reply-days';

/** `$inc` paths for a day's counts in its slot, without the zeros. */
function incrementsOf(slot: string, counts: DayCounts): Record<string, number> {
  const increments: Record<string, number> = {
    [`${slot}.requests`]: counts.requests,
    [`${slot}.answered`]: counts.answered,
    [`${slot}.answeredWithin24h`]: counts.answeredWithin24h,
  };
  for (const [key, count] of Object.entries(counts.brackets)) increments[`${slot}.brackets.${key}`] = count;
  return Object.fromEntries(Object.entries(increments).filter(([, count]) => count !== 0));
}

/**
 * Each garage's request and answer counts per day: a few constant-size updates per request
 * or answer, whatever the history, and one read by `_id` for the figures.
 */
@Injectable()
export class ResponsivenessStats {
  constructor(
    @InjectModel(GarageResponsiveness.name)
    private readonly stats: Model<GarageResponsiveness>,
  ) {}

  /**
   * Adds counts to the day they belong to. Usually one update; when the day's slot still holds the
   * day RING_DAYS earlier (or nothing), it is started afresh, once even if replicas race for it.
   * Days the ring no longer keeps are dropped.
   */
  async add(garageId: Types.ObjectId, day: number, counts: DayCounts, now = new Date()): Promise<void> {
    if (day <= dayOf(now) - RING_DAYS) return;
    const slot = `slots.s${day % RING_DAYS}`;
    const collection = this.stats.collection;
    const increment = () =>
      retryTransient(() =>
        collection.updateOne({ _id: garageId, [`${slot}.day`]: day }, { $inc: incrementsOf(slot, counts) }),
      );
    if ((await increment()).matchedCount === 1) return;
    const fresh: DaySlot = { day, ...counts };
    try {
      await retryTransient(() =>
        collection.updateOne(
          { _id: garageId, [`${slot}.day`]: { $ne: day } },
          { $set: { [slot]: fresh } },
          { upsert: true },
        ),
      );
    } catch (error) {
      // Another replica started this day's slot in between: the insert met its document.
      if (!isDuplicateKey(error)) throw error;
      await increment();
    }
  }

  /** The garagiste's day slots, oldest days included (the caller picks its period). */
  async slotsOf(garageId: Types.ObjectId): Promise<DaySlot[]> {
    const stats = await this.stats.findById(garageId).lean<GarageResponsiveness>().exec();
    return Object.values(stats?.slots ?? {});
  }
}
