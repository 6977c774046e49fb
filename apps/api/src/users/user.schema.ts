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
}

export type UserDocument = HydratedDocument<User>;
export const UserSchema = SchemaFactory.createForClass(User);
