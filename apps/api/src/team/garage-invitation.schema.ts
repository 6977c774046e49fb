import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { GARAGE_ROLES, type GarageRole } from '@promoto/shared-dto';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

/**
 * An owner's invitation to join their garage. The link's token is never stored, only its SHA-256:
 * a copy of the database opens no garage. Accepting sets `acceptedAt` in the same update that
 * checks it is unset and unexpired, so a link works once whoever races for it.
 */
@Schema({ collection: 'garage_invitations', timestamps: { createdAt: true, updatedAt: false } })
export class GarageInvitation {
  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  garage!: Types.ObjectId;

  /** Copied so that the link's page needs no second read. */
  @Prop({ required: true })
  garageName!: string;

  /** Lower-cased, as accounts store theirs. */
  @Prop({ required: true })
  email!: string;

  @Prop({ type: String, required: true, enum: GARAGE_ROLES })
  role!: GarageRole;

  @Prop({ required: true, unique: true })
  tokenHash!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  invitedBy!: Types.ObjectId;

  @Prop({ required: true })
  invitedByName!: string;

  @Prop({ required: true })
  expiresAt!: Date;

  @Prop()
  acceptedAt?: Date;

  @Prop({ type: SchemaTypes.ObjectId })
  acceptedBy?: Types.ObjectId;

  createdAt!: Date;
}

export type GarageInvitationDocument = HydratedDocument<GarageInvitation>;
export const GarageInvitationSchema = SchemaFactory.createForClass(GarageInvitation);
