import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';
import type { DaySlot } from './reply-days';

/**
 * One document per garage: the counts of the requests clients made to it over the last RING_DAYS days, one slot per day reused in a ring (`s<day % RING_DAYS>`),
 * so that the document stays the same size however long the garage lives, and a page view reads
 * one document by `_id`.
 */
@Schema({ collection: 'garage_responsiveness', versionKey: false })
export class GarageResponsiveness {
  /** The garage's id (its garagiste's user id before garages' conversations, until the start-up migration). */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.Mixed, required: true })
  slots!: Record<string, DaySlot>;
}

export const GarageResponsivenessSchema = SchemaFactory.createForClass(GarageResponsiveness);
