import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

export const PRIVACY_JOB_KINDS = ['data-export', 'account-deletion'] as const;
export type PrivacyJobKind = (typeof PRIVACY_JOB_KINDS)[number];

export const PRIVACY_JOB_STATUSES = ['pending', 'done', 'failed'] as const;
export type PrivacyJobStatus = (typeof PRIVACY_JOB_STATUSES)[number];

/**
 * One piece of background work on a person's data: preparing their data export, or erasing their
 * account step by step (`step`: how many are done, so a replica taking it over resumes). Durable, so a
 * restart loses nothing; run by whichever replica claims it at its due time (see PrivacyJobRunner).
 */
@Schema({ collection: 'privacy_jobs', timestamps: true })
export class PrivacyJob {
  @Prop({ type: String, required: true, enum: PRIVACY_JOB_KINDS })
  kind!: PrivacyJobKind;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  user!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: PRIVACY_JOB_STATUSES })
  status!: PrivacyJobStatus;

  /** When it may run next; moved on by the replica holding it, while it holds it, and by each retry. */
  @Prop({ required: true })
  dueAt!: Date;

  @Prop({ required: true, default: 0 })
  failures!: number;

  @Prop()
  lastError?: string;

  @Prop()
  finishedAt?: Date;

  /** A data export's zip: its storage key (unset once deleted), its size, until when it can be downloaded. */
  @Prop()
  fileKey?: string;

  @Prop()
  size?: number;

  @Prop()
  expiresAt?: Date;

  /** An account deletion: how many of its steps are done (see AccountEraser). */
  @Prop()
  step?: number;

  createdAt!: Date;
}

export type StoredPrivacyJob = PrivacyJob & { _id: Types.ObjectId };
export const PrivacyJobSchema = SchemaFactory.createForClass(PrivacyJob);
// The due jobs, oldest first; a person's latest job of a kind; the exports whose zip has expired.
PrivacyJobSchema.index({ status: 1, dueAt: 1 });
PrivacyJobSchema.index({ user: 1, kind: 1, _id: -1 });
PrivacyJobSchema.index({ kind: 1, expiresAt: 1 });
