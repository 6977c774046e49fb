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
   * My unread count in each conversation that has unread messages (conversation id → count), for
   * the menu badge: its total is one read by `_id`. Each entry is copied whole from the
   * conversation after each of its messages and reads, never moved by a delta, so a write that
   * failed or landed late is corrected by that conversation's next message or read.
   */
  @Prop({ type: Map, of: Number, default: {} })
  unreadBy!: Record<string, number>;
}

export type UserDocument = HydratedDocument<User>;
export const UserSchema = SchemaFactory.createForClass(User);
