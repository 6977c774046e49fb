import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { GARAGE_ROLES, USER_ROLES, type GarageRole, type UserRole } from '@promoto/shared-dto';
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

  /**
   * The garage a garagiste belongs to (one at most); its name is copied here so that lists need no
   * join. The account is the truth of a membership: a garage's team is `{ garageId }` read here.
   */
  @Prop({ type: SchemaTypes.ObjectId, index: true })
  garageId?: Types.ObjectId;

  @Prop()
  garageName?: string;

  /**
   * The role in that garage. Absent on an account that ran its garage before teams until the
   * start-up migration (team/garage-members-migration.ts), and read as 'owner' meanwhile.
   */
  @Prop({ type: String, enum: GARAGE_ROLES })
  garageRole?: GarageRole;

  /** When the account joined that garage; absent for a garage's founder (read `createdAt`). */
  @Prop()
  joinedGarageAt?: Date;

  /**
   * My unread count in each conversation that has unread messages (conversation id → count), for
   * the menu badge: its total is one read by `_id`. Each entry is copied whole from the
   * conversation after each of its messages and reads, never moved by a delta, so a write that
   * failed or landed late is corrected by that conversation's next message or read.
   */
  @Prop({ type: Map, of: Number, default: {} })
  unreadBy!: Record<string, number>;

  /**
   * Set when its owner asked to delete the account: from then on it cannot log in and its tokens
   * are refused, while the deletion job erases what it holds (the document goes last).
   */
  @Prop()
  deletingAt?: Date;

  /**
   * Set while an admin suspends the account: it cannot log in or refresh, and its tokens and
   * sockets stopped working at that moment (see admin/account-suspensions.ts).
   */
  @Prop()
  suspendedAt?: Date;

  /** The admin's reason for the suspension. */
  @Prop()
  suspensionReason?: string;

  /**
   * A garage's member: how many of the garage's received messages I have read, over all its
   * conversations (raised by each of my reads by what it read). My badge is the garage's
   * receivedTotal minus this. Raised when I join by what the garage had received (its past is read
   * for me, see messages/member-read-baseline.ts), absent until then or my first read, and cleared
   * when I leave the garage.
   */
  @Prop()
  garageReadTotal?: number;

  createdAt!: Date;
}

export type UserDocument = HydratedDocument<User>;
export const UserSchema = SchemaFactory.createForClass(User);
