import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The right to send one scheduled e-mail at one due time: `_id` is `<schedule id>@<dueAt ms>`.
 * Inserting it is the claim, atomic on MongoDB and on the embedded FerretDB alike (a unique
 * `_id`), so of several processes polling the same schedule exactly one goes on to send.
 */
@Schema({ collection: 'notification_email_claims', versionKey: false })
export class NotificationEmailClaim {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  claimedAt!: Date;
}

export const NotificationEmailClaimSchema = SchemaFactory.createForClass(NotificationEmailClaim);
