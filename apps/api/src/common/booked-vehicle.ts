import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { BookingVehicle } from '@promoto/shared-dto';
import { SchemaTypes, Types } from 'mongoose';

/**
 * A copy of a client's vehicle, embedded where a garage's record names it (a booking, its notices):
 * a value with no collection of its own, which the garage keeps whatever later becomes of the
 * vehicle or of the client's account. The vehicles module gives it (BookingVehicle); each module
 * stores it in its own documents.
 */
@Schema({ _id: false })
export class BookedVehicle {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  vehicleId!: Types.ObjectId;

  @Prop({ required: true })
  plate!: string;

  @Prop({ required: true })
  make!: string;

  @Prop({ required: true })
  model!: string;

  @Prop({ required: true })
  year!: number;
}
export const BookedVehicleSchema = SchemaFactory.createForClass(BookedVehicle);

export const bookedVehicle = ({ vehicleId, plate, make, model, year }: BookingVehicle): BookedVehicle => ({
  vehicleId: new Types.ObjectId(vehicleId),
  plate,
  make,
  model,
  year,
});

export const bookingVehicle = ({ vehicleId, plate, make, model, year }: BookedVehicle): BookingVehicle => ({
  vehicleId: vehicleId.toHexString(),
  plate,
  make,
  model,
  year,
});
