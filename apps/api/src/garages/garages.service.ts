import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  LIMITS,
  type GaragePage,
  type GarageRegistration,
  type GaragesPageQuery,
  type GaragesQuery,
  type GarageView,
} from '@promoto/shared-dto';
import { Model, QueryFilter, Types } from 'mongoose';
import { notFound } from '../common/app-exception';
import { memoryCache } from '../common/memory-cache';
import { retryTransient } from '../database/transient-retry';
import { RECOVERABLE_WRITE } from '../database/write-concern';
import { cityKey } from './city-key';
import { decodeGarageCursor, encodeGarageCursor } from './garage-cursor';
import { Garage, GarageDocument } from './garage.schema';

/** The services a new garage offers until its owner edits them. */
const DEFAULT_SERVICES = ['Vidange', 'Freins', 'Pneus', 'Distribution', 'Diagnostic', 'Climatisation'];

/** Garages whose name this process remembers (a garage's name does not change). */
const NAME_CACHE_SIZE = 10_000;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

@Injectable()
export class GaragesService {
  private readonly names = memoryCache<string, string>({ max: NAME_CACHE_SIZE });

  constructor(@InjectModel(Garage.name) private readonly garages: Model<Garage>) {}

  /** The garage's name, from memory once read; null when no garage has this id. */
  async nameOf(garageId: string): Promise<string | null> {
    return this.names.get(garageId) ?? (await this.namesOf([garageId])).get(garageId) ?? null;
  }

  /** The names of these garages by id, those not in memory read in one query; a garage that does not exist is left out. */
  async namesOf(garageIds: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const unknown = new Set<string>();
    for (const id of garageIds) {
      const cached = this.names.get(id);
      if (cached) names.set(id, cached);
      else if (Types.ObjectId.isValid(id)) unknown.add(id);
    }
    if (unknown.size === 0) return names;
    const found = await this.garages
      .find({ _id: { $in: [...unknown].map((id) => new Types.ObjectId(id)) } })
      .select({ name: 1 })
      .lean()
      .exec();
    for (const garage of found) {
      const id = garage._id.toHexString();
      this.names.set(id, garage.name);
      names.set(id, garage.name);
    }
    return names;
  }

  /** Counts messages the garage received (see Garage.receivedTotal) and answers its new total. */
  async addReceived(garageId: Types.ObjectId | string, count: number): Promise<number> {
    const updated = await this.garages.collection.findOneAndUpdate(
      { _id: new Types.ObjectId(garageId) },
      { $inc: { receivedTotal: count } },
      { returnDocument: 'after' },
    );
    return (updated?.['receivedTotal'] as number | undefined) ?? 0;
  }

  /** Counts messages many garages received (garage id → how many), in one command that answers no document. */
  async addReceivedCounts(added: ReadonlyMap<string, number>): Promise<void> {
    if (added.size === 0) return;
    await this.garages.collection.bulkWrite(
      [...added].map(([garageId, count]) => ({
        updateOne: { filter: { _id: new Types.ObjectId(garageId) }, update: { $inc: { receivedTotal: count } } },
      })),
      { ordered: false, writeConcern: RECOVERABLE_WRITE },
    );
  }

  /** Sets the garage's received total whole (a recovery, from its conversations) and answers it. */
  async setReceivedTotal(garageId: Types.ObjectId | string, total: number): Promise<number> {
    await this.garages.updateOne({ _id: new Types.ObjectId(garageId) }, { $set: { receivedTotal: total } }).exec();
    return total;
  }

  async receivedTotal(garageId: Types.ObjectId | string): Promise<number> {
    const garage = await this.garages.findById(garageId).select({ receivedTotal: 1 }).lean().exec();
    return garage?.receivedTotal ?? 0;
  }

  create(owner: { id: Types.ObjectId; name: string }, garage: GarageRegistration): Promise<GarageDocument> {
    return this.garages.create({
      ...garage,
      cityKey: cityKey(garage.city),
      services: DEFAULT_SERVICES,
      owner: owner.id,
      ownerName: owner.name,
      ownerCount: 1,
    });
  }

  /**
   * Takes one owner off the garage's count, only if another remains: false when the one leaving
   * (or demoted) is its last owner. Undo with `addOwner` when the change does not happen after all.
   */
  async releaseOwner(garageId: Types.ObjectId): Promise<boolean> {
    const result = await this.garages.updateOne(
      { _id: garageId, ownerCount: { $gt: 1 } },
      { $inc: { ownerCount: -1 } },
    );
    return result.modifiedCount === 1;
  }

  /**
   * Names another owner as the garage's contact (`owner`, the account its page names) when the
   * contact leaves; unchanged if the contact changed meanwhile.
   */
  async replaceContact(
    garageId: Types.ObjectId,
    leaving: Types.ObjectId,
    successor: { _id: Types.ObjectId; name: string },
  ): Promise<void> {
    await this.garages
      .updateOne({ _id: garageId, owner: leaving }, { $set: { owner: successor._id, ownerName: successor.name } })
      .exec();
  }

  async addOwner(garageId: Types.ObjectId): Promise<void> {
    await this.garages.updateOne({ _id: garageId }, { $inc: { ownerCount: 1 } }).exec();
  }

  /** Migration to teams: a garage from before them has its one owner. Idempotent; answers how many changed. */
  async countFoundingOwners(): Promise<number> {
    const filter = { ownerCount: { $exists: false } };
    if (!(await this.garages.exists(filter).exec())) return 0;
    const result = await retryTransient(() => this.garages.collection.updateMany(filter, { $set: { ownerCount: 1 } }));
    return result.modifiedCount;
  }

  /** The first 100 garages of a search (the deprecated GET /api/garages; `page` pages through all). */
  async list(query: GaragesQuery): Promise<GarageView[]> {
    const garages = await this.garages.find(GaragesService.filterOf(query)).sort({ name: 1, _id: 1 }).limit(100).exec();
    return garages.map(GaragesService.toView);
  }

  /**
   * A page of the garages a search finds, by name then id (index `{name, _id}`, or
   * `{cityKey, name, _id}` by city), and how many it finds in all.
   */
  async page(query: GaragesPageQuery): Promise<GaragePage> {
    const limit = query.limit ?? LIMITS.garagePageDefaultSize;
    const filter = GaragesService.filterOf(query);
    const after = query.cursor ? decodeGarageCursor(query.cursor) : null;
    const pageFilter: QueryFilter<Garage> = after
      ? {
          $and: [
            filter,
            { $or: [{ name: { $gt: after.name } }, { name: after.name, _id: { $gt: new Types.ObjectId(after.id) } }] },
          ],
        }
      : filter;
    const [found, total] = await Promise.all([
      this.garages
        .find(pageFilter)
        .sort({ name: 1, _id: 1 })
        .limit(limit + 1)
        .exec(),
      this.garages.countDocuments(filter).exec(),
    ]);
    const items = found.slice(0, limit).map(GaragesService.toView);
    const last = items.at(-1);
    return { items, nextCursor: found.length > limit && last ? encodeGarageCursor(last) : null, total };
  }

  /** Migration to city keys: fills the key of garages from before it, a city at a time. Idempotent; answers how many changed. */
  async fillCityKeys(): Promise<number> {
    const missing = { cityKey: { $exists: false } };
    const cities = await this.garages.distinct('city', missing).exec();
    let changed = 0;
    for (const city of cities) {
      const result = await retryTransient(() =>
        this.garages.collection.updateMany({ ...missing, city }, { $set: { cityKey: cityKey(city) } }),
      );
      changed += result.modifiedCount;
    }
    return changed;
  }

  private static filterOf(query: GaragesQuery): QueryFilter<Garage> {
    const filter: QueryFilter<Garage> = {};
    if (query.city) filter.cityKey = cityKey(query.city);
    if (query.q) {
      const pattern = { $regex: escapeRegExp(query.q), $options: 'i' };
      filter.$or = [{ name: pattern }, { services: pattern }, { city: pattern }];
    }
    return filter;
  }

  async get(id: string): Promise<GarageDocument> {
    const garage = await this.garages.findById(id).exec();
    if (!garage) throw notFound('No garage has this id.');
    return garage;
  }

  static toView(garage: GarageDocument): GarageView {
    return {
      id: garage.id,
      name: garage.name,
      city: garage.city,
      address: garage.address,
      services: garage.services,
      ownerId: garage.owner.toHexString(),
      ownerName: garage.ownerName,
    };
  }
}
