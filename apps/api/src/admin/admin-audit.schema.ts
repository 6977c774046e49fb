import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/** What an admin, or the operator command, did. */
export const ADMIN_ACTIONS = [
  'thread-read',
  'report-handled',
  'account-suspended',
  'suspension-lifted',
  'admin-created',
  'admin-promoted',
  'admin-revoked',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/**
 * One line of the moderation audit: who did what, when, on which report or account, and why.
 * Every read of a reported thread is one, so that what admins read of people's conversations is
 * accountable. Kept as a moderation record (see README, Retention).
 */
@Schema({ collection: 'admin_audit', timestamps: { createdAt: true, updatedAt: false } })
export class AdminAuditEntry {
  @Prop({ type: String, required: true, enum: ADMIN_ACTIONS })
  action!: AdminAction;

  /** The admin who acted; absent for the operator command (see `operator`). */
  @Prop({ type: SchemaTypes.ObjectId, index: true })
  admin?: Types.ObjectId;

  /** The operating-system user who ran the operator command. */
  @Prop()
  operator?: string;

  @Prop({ type: SchemaTypes.ObjectId, index: true })
  report?: Types.ObjectId;

  /** The account acted on (suspended, reinstated, made an admin or no longer one). */
  @Prop({ type: SchemaTypes.ObjectId, index: true })
  account?: Types.ObjectId;

  @Prop()
  reason?: string;

  createdAt!: Date;
}

export const AdminAuditSchema = SchemaFactory.createForClass(AdminAuditEntry);
