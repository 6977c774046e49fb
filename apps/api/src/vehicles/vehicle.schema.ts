import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

/** A client's vehicle. Bookings keep a copy of what they need (BookingVehicle), never a reference to read back. */
@Schema({ collection: 'vehicles', timestamps: true })
export class Vehicle {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  owner!: Types.ObjectId;

  /** `AB-123-CD`, as normalised by the DTO. */
  @Prop({ required: true })
  plate!: string;

  @Prop({ required: true })
  make!: string;

  @Prop({ required: true })
  model!: string;

  @Prop({ required: true })
  year!: number;

  @Prop()
  mileage?: number;
}

export type VehicleDocument = HydratedDocument<Vehicle>;
export const VehicleSchema = SchemaFactory.createForClass(Vehicle);
// A client lists their vehicles in the order they added them; one plate once per client.
VehicleSchema.index({ owner: 1, plate: 1 }, { unique: true });
