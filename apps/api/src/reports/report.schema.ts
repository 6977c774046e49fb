import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { REPORT_REASONS, REPORT_STATUSES, type ReportReason, type ReportStatus } from '@promoto/shared-dto';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

/**
 * A side's report of a message or of a whole conversation, with the conversation's two sides so
 * that the report is read without the conversation. A side reports a thing once (`targetKey`).
 */
@Schema({ collection: 'reports', timestamps: { createdAt: true, updatedAt: false } })
export class Report {
  /** `<reporting side>:<conversation>:<message or 'conversation'>`: a second report of it is the first. */
  @Prop({ required: true, unique: true })
  targetKey!: string;

  /** The person who reported: a client, or a garage's member. */
  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  reporter!: Types.ObjectId;

  /** The reporting side: the client's id, or the garage's. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  reporterSide!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  conversation!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  client!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  garage!: Types.ObjectId;

  /** The reported message, absent when the whole conversation is reported. */
  @Prop({ type: SchemaTypes.ObjectId })
  message?: Types.ObjectId;

  /** Who wrote the reported message. */
  @Prop({ type: SchemaTypes.ObjectId })
  messageAuthor?: Types.ObjectId;

  @Prop({ type: String, required: true, enum: REPORT_REASONS })
  reason!: ReportReason;

  @Prop()
  details?: string;

  /** `open` until an admin marks it handled (the reports made before admins were given it at start-up: ReportStatusMigration). */
  @Prop({ type: String, required: true, enum: REPORT_STATUSES })
  status!: ReportStatus;

  /** The admin who marked it handled, and when. */
  @Prop({ type: SchemaTypes.ObjectId })
  handledBy?: Types.ObjectId;

  @Prop()
  handledAt?: Date;

  createdAt!: Date;
}

export type ReportDocument = HydratedDocument<Report>;
export const ReportSchema = SchemaFactory.createForClass(Report);
// The reports, newest first, a page at a time.
ReportSchema.index({ createdAt: -1, _id: -1 });
// The admins' list: the open ones, then the handled ones, each newest first, a page at a time.
ReportSchema.index({ status: 1, _id: -1 });
