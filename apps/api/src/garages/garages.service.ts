import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { GarageRegistration, GaragesQuery, GarageView } from '@promoto/shared-dto';
import { Model, QueryFilter, Types } from 'mongoose';
import { notFound } from '../common/app-exception';
import { retryTransient } from '../database/transient-retry';
import { Garage, GarageDocument } from './garage.schema';

/** The services a new garage offers until its owner edits them. */
const DEFAULT_SERVICES = ['Vidange', 'Freins', 'Pneus', 'Distribution', 'Diagnostic', 'Climatisation'];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

@Injectable()
export class GaragesService {
  constructor(@InjectModel(Garage.name) private readonly garages: Model<Garage>) {}

  create(owner: { id: Types.ObjectId; name: string }, garage: GarageRegistration): Promise<GarageDocument> {
    return this.garages.create({
      ...garage,
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

  async list(query: GaragesQuery): Promise<GarageView[]> {
    const filter: QueryFilter<Garage> = {};
    if (query.city) filter.city = { $regex: `^${escapeRegExp(query.city)}$`, $options: 'i' };
    if (query.q) {
      const pattern = { $regex: escapeRegExp(query.q), $options: 'i' };
      filter.$or = [{ name: pattern }, { services: pattern }, { city: pattern }];
    }
    const garages = await this.garages.find(filter).sort({ name: 1 }).limit(100).exec();
    return garages.map(GaragesService.toView);
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
