import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

@Schema({ _id: false })
export class QuickReply {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  id!: Types.ObjectId;

  @Prop({ required: true })
  title!: string;

  /** The text with its placeholders, stored as written; the composer fills them. */
  @Prop({ required: true })
  content!: string;
}
const QuickReplySchema = SchemaFactory.createForClass(QuickReply);

/**
 * One document per garage, whose `_id` is the garage's: its replies in the garage's order, so
 * that listing, adding and reordering are one read or one write by `_id`.
 */
@Schema({ collection: 'quick_replies', timestamps: true })
export class QuickReplySet {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  _id!: Types.ObjectId;

  @Prop({ type: [QuickReplySchema], required: true })
  replies!: QuickReply[];
}

export const QuickReplySetSchema = SchemaFactory.createForClass(QuickReplySet);
