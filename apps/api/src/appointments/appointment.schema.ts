import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { APPOINTMENT_STATUSES, type ApprovedQuoteAmount, type AppointmentStatus } from '@promoto/shared-dto';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { BookedVehicle, BookedVehicleSchema } from '../common/booked-vehicle';

@Schema({ collection: 'appointments', timestamps: true })
export class Appointment {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  client!: Types.ObjectId;

  @Prop({ required: true })
  clientName!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  garage!: Types.ObjectId;

  @Prop({ required: true })
  garageName!: string;

  /** The garage's owner when booked: the person the client talks to about it. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  garagiste!: Types.ObjectId;

  @Prop({ required: true })
  scheduledAt!: Date;

  @Prop({ required: true })
  service!: string;

  @Prop()
  note?: string;

  @Prop({ type: BookedVehicleSchema })
  vehicle?: BookedVehicle;

  @Prop({ required: true, enum: APPOINTMENT_STATUSES, default: 'pending' })
  status!: AppointmentStatus;

  /**
   * `<garage>:<start ISO>` while the booking holds that slot of the garage (pending, confirmed or
   * completed), unset once cancelled: unique, so that two bookings never hold one slot, whichever
   * replica wrote them. Sparse: cancelled bookings and those made before slots have none.
   */
  @Prop()
  slotKey?: string;

  /** What the client approved on the booking's latest answered quote (written by the quotes module). */
  @Prop({ type: SchemaTypes.Mixed })
  approvedQuote?: ApprovedQuoteAmount;

  createdAt!: Date;
}

export type AppointmentDocument = HydratedDocument<Appointment>;
export const AppointmentSchema = SchemaFactory.createForClass(Appointment);
// Lists are paged newest first by `_id` range: `{ client | garage: X, _id: { $lt: cursor } }`.
AppointmentSchema.index({ client: 1, _id: -1 });
AppointmentSchema.index({ garage: 1, _id: -1 });
AppointmentSchema.index({ garagiste: 1, client: 1 });
AppointmentSchema.index({ slotKey: 1 }, { unique: true, sparse: true });
