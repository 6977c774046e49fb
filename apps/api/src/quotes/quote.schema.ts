import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { BookingVehicle, QuoteAmounts, QuoteLine, QuoteLineDecision } from '@promoto/shared-dto';
import type { MessageAttachment } from '../attachments/attachment-links';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

/** A line as sent, with the client's answer. */
export type StoredQuoteLine = QuoteLine & { decision: QuoteLineDecision; decidedAt?: Date };

/**
 * Where a quote stands: its lines as sent (a copy of its message's, which never changes) with the
 * client's answers, and the version that replaced it. Its `_id` is the quote's id.
 */
@Schema({ collection: 'quotes' })
export class Quote {
  /** The 'quote' message that sent it, once stored (the record is written just before it). */
  @Prop({ type: SchemaTypes.ObjectId })
  message?: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  appointment!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  client!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  garage!: Types.ObjectId;

  /** The member of the garage who sent it. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  author!: Types.ObjectId;

  /** The send's clientMessageId, when it had one: a retry finds the quote by it. */
  @Prop()
  clientMessageId?: string;

  @Prop({ required: true })
  version!: number;

  @Prop({ type: SchemaTypes.ObjectId })
  supersedes?: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId })
  supersededBy?: Types.ObjectId;

  /** The booking's vehicle when the quote was sent. */
  @Prop({ type: SchemaTypes.Mixed })
  vehicle?: BookingVehicle;

  @Prop({ type: [SchemaTypes.Mixed], required: true })
  lines!: StoredQuoteLine[];

  @Prop({ type: SchemaTypes.Mixed, required: true })
  totals!: QuoteAmounts;

  @Prop({ required: true })
  sentAt!: Date;

  @Prop({ required: true })
  expiresAt!: Date;

  @Prop()
  decidedAt?: Date;

  /**
   * The latest PDF of the quote and the state it shows (`<revision>:<status>`): a later answer, a
   * new version or the expiry makes a new one.
   */
  @Prop({ type: SchemaTypes.Mixed })
  document?: { attachment: MessageAttachment; state: string };

  /** One more at each decision: a decision writes only over the revision it read. */
  @Prop({ required: true, default: 0 })
  revision!: number;
}

export type StoredQuote = Quote & { _id: Types.ObjectId };
export type QuoteDocument = HydratedDocument<Quote>;
export const QuoteSchema = SchemaFactory.createForClass(Quote);
QuoteSchema.index({ author: 1, clientMessageId: 1 });
