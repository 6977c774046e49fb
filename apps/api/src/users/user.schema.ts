import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { USER_ROLES, type UserRole } from '@promoto/shared-dto';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

@Schema({ collection: 'users', timestamps: true })
export class User {
  /** Stored lower-cased: uniqueness is case-insensitive. */
  @Prop({ required: true, unique: true })
  email!: string;

  @Prop({ required: true })
  passwordHash!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ required: true, enum: USER_ROLES })
  role!: UserRole;

  /** The garage a garagiste runs; its name is copied here so that lists need no join. */
  @Prop({ type: SchemaTypes.ObjectId })
  garageId?: Types.ObjectId;

  @Prop()
  garageName?: string;

  /**
   * Unread messages over all my conversations, for the menu badge: raised by each message I
   * receive, lowered by what each read turns read. Kept here so the badge is one read by `_id`.
   */
  @Prop({ required: true, default: 0 })
  unreadTotal!: number;
}

export type UserDocument = HydratedDocument<User>;
export const UserSchema = SchemaFactory.createForClass(User);
