import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The right to send one reminder at one due time: `_id` is `<reminder id>@<dueAt ms>` (see claimDue).
 * Inserting it is the claim, atomic on MongoDB and on FerretDB alike, so of several processes
 * polling the same reminder exactly one goes on to send it.
 */
@Schema({ collection: 'vehicle_reminder_claims', versionKey: false })
export class VehicleReminderClaim {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  claimedAt!: Date;
}

export const VehicleReminderClaimSchema = SchemaFactory.createForClass(VehicleReminderClaim);
