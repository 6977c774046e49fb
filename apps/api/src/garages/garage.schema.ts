import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

@Schema({ collection: 'garages', timestamps: true })
export class Garage {
  @Prop({ required: true })
  name!: string;

  @Prop({ required: true, index: true })
  city!: string;

  @Prop({ required: true })
  address!: string;

  @Prop({ type: [String], default: [] })
  services!: string[];

  @Prop({ type: SchemaTypes.ObjectId, required: true, unique: true })
  owner!: Types.ObjectId;

  /** Copied from the owner so that a garage page needs no second read. */
  @Prop({ required: true })
  ownerName!: string;
}

export type GarageDocument = HydratedDocument<Garage>;
export const GarageSchema = SchemaFactory.createForClass(Garage);
