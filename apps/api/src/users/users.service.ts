import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ConversationParticipant, UserRole, UserView } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { memoryCache } from '../common/memory-cache';
import type { UserProfile } from './user-profile';
import { User, UserDocument } from './user.schema';

/** An account as other modules read it. */
export type UserAccount = UserDocument;

/** Profiles kept in memory: each send reads two, and they never change once created. */
const PROFILE_CACHE_SIZE = 10_000;

const totalUnread = (user: Pick<User, 'unreadBy'> | null) =>
  Object.values(user?.unreadBy ?? {}).reduce((total, count) => total + Math.max(0, count), 0);

export interface NewUser {
  email: string;
  passwordHash: string;
  name: string;
  role: UserRole;
}

@Injectable()
export class UsersService {
  private readonly profiles = memoryCache<string, UserProfile>({ max: PROFILE_CACHE_SIZE });

  constructor(@InjectModel(User.name) private readonly users: Model<User>) {}

  /** The user's profile, from memory when it has been read before. */
  async profile(id: string | Types.ObjectId): Promise<UserProfile | null> {
    const key = id.toString();
    const cached = this.profiles.get(key);
    if (cached) return cached;
    const user = await this.users.findById(id).select({ name: 1, role: 1, garageName: 1 }).lean().exec();
    if (!user) return null;
    const profile: UserProfile = {
      _id: user._id,
      id: key,
      name: user.name,
      role: user.role,
      ...(user.garageName ? { garageName: user.garageName } : {}),
    };
    this.profiles.set(key, profile);
    return profile;
  }

  create(user: NewUser): Promise<UserDocument> {
    return this.users.create(user);
  }

  findByEmail(email: string): Promise<UserDocument | null> {
    return this.users.findOne({ email: email.toLowerCase() }).exec();
  }

  findById(id: string | Types.ObjectId): Promise<UserDocument | null> {
    return this.users.findById(id).exec();
  }

  async attachGarage(userId: Types.ObjectId, garageId: Types.ObjectId, garageName: string): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { garageId, garageName } }).exec();
    this.profiles.delete(userId.toHexString());
  }

  /**
   * Sets my unread count in one conversation (an entry only while it is above zero) and answers my
   * new total. The count is the conversation's own, copied whole: a lost or late write is
   * corrected by the conversation's next message or read instead of drifting for good.
   */
  async setUnread(userId: Types.ObjectId | string, conversationId: string, count: number): Promise<number> {
    const path = `unreadBy.${conversationId}`;
    // The driver's own call, as for the conversation: it runs for every message received.
    const updated = await this.users.collection.findOneAndUpdate(
      { _id: new Types.ObjectId(userId) },
      count > 0 ? { $set: { [path]: count } } : { $unset: { [path]: 1 } },
      { returnDocument: 'after' },
    );
    return totalUnread(updated as Pick<User, 'unreadBy'> | null);
  }

  async unreadTotal(userId: Types.ObjectId | string): Promise<number> {
    return totalUnread(await this.users.findById(userId).select({ unreadBy: 1 }).lean<User>().exec());
  }

  async replacePasswordHash(userId: Types.ObjectId, passwordHash: string): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { passwordHash } }).exec();
  }

  async remove(userId: Types.ObjectId): Promise<void> {
    await this.users.deleteOne({ _id: userId }).exec();
    this.profiles.delete(userId.toHexString());
  }

  static toView(user: UserDocument): UserView {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      ...(user.garageId ? { garageId: user.garageId.toHexString() } : {}),
    };
  }

  static toParticipant(user: UserProfile): ConversationParticipant {
    return {
      id: user.id,
      name: user.name,
      role: user.role,
      ...(user.garageName ? { garageName: user.garageName } : {}),
    };
  }
}
