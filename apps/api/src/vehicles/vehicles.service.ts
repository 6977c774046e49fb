import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  ERROR_CODES,
  VEHICLE_LIMITS,
  type BookingVehicle,
  type VehicleRequest,
  type VehicleView,
} from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { conflict, notFound } from '../common/app-exception';
import { isDuplicateKey } from '../database/mongo-errors';
import { Vehicle, type VehicleDocument } from './vehicle.schema';

const DUPLICATE_PLATE = 'Ce véhicule est déjà enregistré : cette immatriculation figure dans vos véhicules.';

/**
 * A client's vehicles: only their owner reads and changes them. Other modules get what they need
 * through this service (a booking's copy of the vehicle, the data export, the account's erasure).
 */
@Injectable()
export class VehiclesService {
  constructor(@InjectModel(Vehicle.name) private readonly vehicles: Model<Vehicle>) {}

  /** The owner's vehicles, in the order they were added. */
  async listOwnedBy(ownerId: string): Promise<VehicleView[]> {
    const found = await this.vehicles
      .find({ owner: new Types.ObjectId(ownerId) })
      .sort({ _id: 1 })
      .limit(VEHICLE_LIMITS.maxPerClient)
      .exec();
    return found.map(VehiclesService.toView);
  }

  async get(ownerId: string, id: string): Promise<VehicleView> {
    return VehiclesService.toView(await this.owned(ownerId, id));
  }

  async create(ownerId: string, request: VehicleRequest): Promise<VehicleView> {
    const owner = new Types.ObjectId(ownerId);
    if ((await this.vehicles.countDocuments({ owner }).exec()) >= VEHICLE_LIMITS.maxPerClient) {
      throw conflict(ERROR_CODES.CONFLICT, `Vous pouvez enregistrer ${VEHICLE_LIMITS.maxPerClient} véhicules au plus.`);
    }
    const vehicle = await VehiclesService.unique(() =>
      this.vehicles.create({ owner, ...VehiclesService.fields(request) }),
    );
    return VehiclesService.toView(vehicle);
  }

  /** The whole vehicle is replaced: a mileage left out is cleared. */
  async replace(ownerId: string, id: string, request: VehicleRequest): Promise<VehicleView> {
    const vehicle = await this.owned(ownerId, id);
    vehicle.set({ ...VehiclesService.fields(request), mileage: request.mileage });
    await VehiclesService.unique(() => vehicle.save());
    return VehiclesService.toView(vehicle);
  }

  /** Bookings made with it keep their copy of it. */
  async remove(ownerId: string, id: string): Promise<void> {
    const { deletedCount } = await this.vehicles
      .deleteOne({ _id: new Types.ObjectId(id), owner: new Types.ObjectId(ownerId) })
      .exec();
    if (deletedCount === 0) throw VehiclesService.missing();
  }

  /** What a booking keeps of one of the client's vehicles; 404 when it is not one of theirs. */
  async forBooking(ownerId: string, id: string): Promise<BookingVehicle> {
    return VehiclesService.bookingCopy(await this.owned(ownerId, id));
  }

  /** A vehicle and its owner, whoever asks (for the modules that check who may see it), or null. */
  async withOwner(id: string): Promise<{ ownerId: string; vehicle: BookingVehicle } | null> {
    const found = await this.vehicles.findById(id).exec();
    return found && { ownerId: found.owner.toHexString(), vehicle: VehiclesService.bookingCopy(found) };
  }

  /** Every vehicle of an account that is being erased. */
  async eraseOwnedBy(ownerId: string): Promise<void> {
    await this.vehicles.deleteMany({ owner: new Types.ObjectId(ownerId) }).exec();
  }

  private async owned(ownerId: string, id: string): Promise<VehicleDocument> {
    const vehicle = await this.vehicles
      .findOne({ _id: new Types.ObjectId(id), owner: new Types.ObjectId(ownerId) })
      .exec();
    if (!vehicle) throw VehiclesService.missing();
    return vehicle;
  }

  /** A plate the owner already has: 409 CONFLICT, whichever replica wrote the other first. */
  private static async unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict(ERROR_CODES.CONFLICT, DUPLICATE_PLATE);
      throw error;
    }
  }

  private static missing() {
    return notFound('You have no vehicle with this id.');
  }

  /** Only the request's own fields: the validated DTO may carry others as undefined. */
  private static fields({ plate, make, model, year, mileage }: VehicleRequest) {
    return { plate, make, model, year, ...(mileage === undefined ? {} : { mileage }) };
  }

  /** What a booking or a reminder keeps of the vehicle. */
  private static bookingCopy({ id, plate, make, model, year }: VehicleDocument): BookingVehicle {
    return { vehicleId: id as string, plate, make, model, year };
  }

  private static toView(vehicle: VehicleDocument): VehicleView {
    return {
      id: vehicle.id as string,
      plate: vehicle.plate,
      make: vehicle.make,
      model: vehicle.model,
      year: vehicle.year,
      ...(vehicle.mileage === undefined || vehicle.mileage === null ? {} : { mileage: vehicle.mileage }),
    };
  }
}
