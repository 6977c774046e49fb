import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { WEEKDAYS, type Weekday } from '@promoto/shared-dto';
import { HydratedDocument, Types } from 'mongoose';

@Schema({ _id: false })
export class StoredOpeningPeriod {
  @Prop({ required: true, enum: WEEKDAYS })
  day!: Weekday;

  @Prop({ required: true })
  opens!: string;

  @Prop({ required: true })
  closes!: string;
}

@Schema({ _id: false })
export class StoredClosure {
  @Prop({ required: true })
  from!: string;

  @Prop({ required: true })
  to!: string;

  @Prop()
  label?: string;
}

/** A garage's hours, once its owner set them: one document per garage, its `_id` the garage's. */
@Schema({ collection: 'opening_hours', timestamps: { createdAt: false, updatedAt: true } })
export class OpeningHours {
  @Prop({ type: Types.ObjectId, required: true })
  _id!: Types.ObjectId;

  @Prop({ type: [SchemaFactory.createForClass(StoredOpeningPeriod)], default: [] })
  weekly!: StoredOpeningPeriod[];

  @Prop({ type: [SchemaFactory.createForClass(StoredClosure)], default: [] })
  closures!: StoredClosure[];
}

export type OpeningHoursDocument = HydratedDocument<OpeningHours>;
export const OpeningHoursSchema = SchemaFactory.createForClass(OpeningHours);
