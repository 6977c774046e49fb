import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

@Schema({ collection: 'garages', timestamps: true })
export class Garage {
  @Prop({ required: true })
  name!: string;

  @Prop({ required: true })
  city!: string;

  /**
   * The city as searches compare it (`cityKey`): lower case, accents and extra spaces aside, so
   * that a search by city is one index search. Absent on garages from before it until the start-up
   * migration.
   */
  @Prop()
  cityKey?: string;

  @Prop({ required: true })
  address!: string;

  @Prop({ type: [String], default: [] })
  services!: string[];

  /**
   * The garage's contact: the account its page names (`GarageView.ownerId`), first the garagiste
   * who registered it; another owner once that one leaves. Any member's id reaches the garage.
   */
  @Prop({ type: SchemaTypes.ObjectId, required: true, unique: true })
  owner!: Types.ObjectId;

  /** Copied from the owner so that a garage page needs no second read. */
  @Prop({ required: true })
  ownerName!: string;

  /**
   * How many owners the team has, at most: an owner's demotion or removal first takes one off,
   * only while more than one remains, and a promotion adds one after it is written, so that a
   * garage never loses its last owner even with several owners acting at once (no transactions
   * on our servers). Absent on garages from before teams until the start-up migration.
   */
  @Prop({ min: 0 })
  ownerCount?: number;

  /**
   * Messages the garage has received from clients in all its conversations, ever: each member's
   * badge is this minus what that member read (User.garageReadTotal), so that a message costs one
   * write here whatever the team's size. Absent until the first one.
   */
  @Prop({ min: 0 })
  receivedTotal?: number;
}

export type GarageDocument = HydratedDocument<Garage>;
export const GarageSchema = SchemaFactory.createForClass(Garage);
// The directory's pages, by name then id (a stable order): all garages, or one city's.
GarageSchema.index({ name: 1, _id: 1 });
GarageSchema.index({ cityKey: 1, name: 1, _id: 1 });
