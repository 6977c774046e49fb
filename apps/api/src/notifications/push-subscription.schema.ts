import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { createHash } from 'node:crypto';
import { SchemaTypes, Types } from 'mongoose';

/** One browser's (one device's) Web Push subscription; `_id` is a hash of its endpoint, unique per browser. */
@Schema({ collection: 'push_subscriptions', timestamps: true })
export class PushSubscriptionRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  user!: Types.ObjectId;

  @Prop({ required: true })
  endpoint!: string;

  @Prop({ required: true })
  p256dh!: string;

  @Prop({ required: true })
  auth!: string;

  /** Renewed at each subscribe: orders an account's subscriptions by their latest, even within a millisecond. */
  @Prop({ type: SchemaTypes.ObjectId })
  renewal?: Types.ObjectId;
}

export const PushSubscriptionSchema = SchemaFactory.createForClass(PushSubscriptionRecord);
PushSubscriptionSchema.index({ user: 1 });

export const subscriptionId = (endpoint: string) => createHash('sha256').update(endpoint).digest('hex');
