import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { REMINDER_STATUSES, type ReminderStatus } from '@promoto/shared-dto';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { BookedVehicle, BookedVehicleSchema } from '../common/booked-vehicle';

/**
 * A reminder a member of a garage scheduled on a client's vehicle. `remindAt` is the date the
 * garage chose; `dueAt` is when a process may next take it: equal at first, then moved on by the
 * process that claims it (see claimDue), so a process that dies hands it over after a lease.
 */
@Schema({ collection: 'vehicle_reminders', timestamps: true })
export class VehicleReminder {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  garage!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  client!: Types.ObjectId;

  @Prop({ required: true })
  clientName!: string;

  /** The vehicle as it was when the reminder was scheduled. */
  @Prop({ type: BookedVehicleSchema, required: true })
  vehicle!: BookedVehicle;

  @Prop({ required: true })
  text!: string;

  @Prop({ required: true })
  remindAt!: Date;

  @Prop({ required: true })
  dueAt!: Date;

  @Prop({ type: String, required: true, enum: REMINDER_STATUSES })
  status!: ReminderStatus;

  /** The member who scheduled it: the notice is written as theirs. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  @Prop({ required: true })
  createdByName!: string;

  @Prop()
  sentAt?: Date;

  createdAt!: Date;
}

export type VehicleReminderDocument = HydratedDocument<VehicleReminder>;
export const VehicleReminderSchema = SchemaFactory.createForClass(VehicleReminder);
// The dispatchers' poll: scheduled reminders by due time; a garage's upcoming ones by date.
VehicleReminderSchema.index({ status: 1, dueAt: 1 });
VehicleReminderSchema.index({ garage: 1, status: 1, remindAt: 1 });
VehicleReminderSchema.index({ client: 1 });
