import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/** Why a session ended before its time. */
export const SESSION_END_REASONS = [
  'logout',
  'logout-everywhere',
  'refresh-token-reused',
  'account-deleted',
  'replaced',
  'account-suspended',
  'admin-revoked',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * One login on one device: the family of its refresh tokens and of the access tokens they gave
 * (their `sid` claim). Revoking it ends them all at once.
 */
@Schema({ collection: 'sessions', timestamps: true })
export class SessionRecord {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  user!: Types.ObjectId;

  /** Moved on at each refresh: a session unused for REFRESH_TOKEN_TTL_S ends. */
  @Prop({ required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  @Prop({ type: String, enum: SESSION_END_REASONS })
  revokedReason?: SessionEndReason;
}

export const SessionSchema = SchemaFactory.createForClass(SessionRecord);
SessionSchema.index({ user: 1 });

/**
 * A refresh token, stored by the SHA-256 of its value (the value itself is never stored). Used
 * once: `usedAt` is set as it gives the next one, and a token presented again after that is
 * a stolen copy or a replay, which ends its session.
 */
@Schema({ collection: 'refresh_tokens', timestamps: { createdAt: true, updatedAt: false } })
export class RefreshTokenRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  session!: Types.ObjectId;

  @Prop({ type: Date, default: null })
  usedAt!: Date | null;

  @Prop({ required: true })
  expiresAt!: Date;
}

export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshTokenRecord);
RefreshTokenSchema.index({ session: 1 });
