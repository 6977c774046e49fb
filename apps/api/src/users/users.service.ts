import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ConversationParticipant, GarageRole, SignUpRole, UserRole, UserView } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { memoryCache } from '../common/memory-cache';
import { NotifiedCache } from '../common/notified-cache';
import { retryTransient } from '../database/transient-retry';
import { RECOVERABLE_WRITE } from '../database/write-concern';
import type { UserProfile } from './user-profile';
import { User, UserDocument } from './user.schema';

/** An account as other modules read it. */
export type UserAccount = UserDocument;

/** Profiles kept in memory: each send reads two, and they hardly ever change once created. */
const PROFILE_CACHE_SIZE = 10_000;
/**
 * How long a replica trusts a profile it read: an operator command that makes an account an admin
 * (admin/admin-accounts.ts) runs in a process of its own, which cannot tell the replicas.
 */
const PROFILE_CACHE_TTL_MS = 60_000;
/** Garages whose team this replica remembers: every garage that received a message lately. */
const TEAM_CACHE_SIZE = 10_000;

const totalUnread = (user: Pick<User, 'unreadBy'> | null) =>
  Object.values(user?.unreadBy ?? {}).reduce((total, count) => total + Math.max(0, count), 0);

export interface NewUser {
  email: string;
  passwordHash: string;
  name: string;
  role: UserRole;
}

/** A garagiste's place in a garage. */
export interface GarageMembership {
  garageId: Types.ObjectId;
  garageName: string;
  garageRole: GarageRole;
}

/** What a team list shows of each member. */
/** One person's unread count in one conversation, as their badge holds it. */
export interface UnreadCount {
  userId: string;
  conversationId: string;
  count: number;
}

const MEMBER_FIELDS = { name: 1, email: 1, garageRole: 1, joinedGarageAt: 1, createdAt: 1 } as const;

@Injectable()
export class UsersService {
  private readonly profiles = memoryCache<string, UserProfile>({
    max: PROFILE_CACHE_SIZE,
    ttlMs: PROFILE_CACHE_TTL_MS,
  });
  /**
   * Each garage's members' ids, read once for the messages it receives. A change of membership
   * forgets its garage's at once, here by the write itself and on the other replicas through
   * forgetTeam (team/membership-sessions.ts), which also forgets them all when Redis is back.
   */
  private readonly teams = new NotifiedCache<readonly string[]>(TEAM_CACHE_SIZE);

  constructor(@InjectModel(User.name) private readonly users: Model<User>) {}

  /** The user's profile, from memory when it has been read before. */
  async profile(id: string | Types.ObjectId): Promise<UserProfile | null> {
    const key = id.toString();
    const cached = this.profiles.get(key);
    if (cached) return cached;
    const user = await this.users.findById(id).select({ name: 1, role: 1, garageId: 1, garageName: 1 }).lean().exec();
    if (!user) return null;
    const profile: UserProfile = {
      _id: user._id,
      id: key,
      name: user.name,
      role: user.role,
      ...(user.garageId ? { garageId: user.garageId.toHexString() } : {}),
      ...(user.garageName ? { garageName: user.garageName } : {}),
    };
    this.profiles.set(key, profile);
    return profile;
  }

  async create(user: NewUser & Partial<GarageMembership & { joinedGarageAt: Date }>): Promise<UserDocument> {
    const created = await this.users.create(user);
    if (user.garageId) this.forgetTeam(user.garageId);
    return created;
  }

  findByEmail(email: string): Promise<UserDocument | null> {
    return this.users.findOne({ email: email.toLowerCase() }).exec();
  }

  findById(id: string | Types.ObjectId): Promise<UserDocument | null> {
    return this.users.findById(id).exec();
  }

  /** The founder of a garage registered with the account: its first owner. */
  async attachGarage(userId: Types.ObjectId, garageId: Types.ObjectId, garageName: string): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { garageId, garageName, garageRole: 'owner' } }).exec();
    this.profiles.delete(userId.toHexString());
    this.forgetTeam(garageId);
  }

  /**
   * Puts a garagiste without a garage into one; null when the account is not a garagiste or
   * already belongs to a garage (checked in the same update, so two acceptances cannot both win).
   */
  async joinGarage(userId: Types.ObjectId, membership: GarageMembership): Promise<UserDocument | null> {
    const joined = await this.users
      .findOneAndUpdate(
        { _id: userId, role: 'garagiste', garageId: { $exists: false } },
        { $set: { ...membership, joinedGarageAt: new Date() } },
        { returnDocument: 'after' },
      )
      .exec();
    this.profiles.delete(userId.toHexString());
    this.forgetTeam(membership.garageId);
    return joined;
  }

  /**
   * Moves a member from one role to another; null when the account is not a member of that garage
   * with the role `from` (changed meanwhile), so that two changes at once never both count.
   */
  async setGarageRole(
    userId: Types.ObjectId,
    garageId: Types.ObjectId,
    from: GarageRole,
    to: GarageRole,
  ): Promise<UserDocument | null> {
    const changed = await this.users
      .findOneAndUpdate(
        { _id: userId, garageId, garageRole: from },
        { $set: { garageRole: to } },
        { returnDocument: 'after' },
      )
      .exec();
    this.forgetTeam(garageId);
    return changed;
  }

  /** Takes the account out of that garage; false when it was not a member of it with that role (changed meanwhile). */
  async leaveGarage(userId: Types.ObjectId, garageId: Types.ObjectId, role: GarageRole): Promise<boolean> {
    const result = await this.users
      .updateOne(
        { _id: userId, garageId, garageRole: role },
        { $unset: { garageId: 1, garageName: 1, garageRole: 1, joinedGarageAt: 1, garageReadTotal: 1 } },
      )
      .exec();
    this.profiles.delete(userId.toHexString());
    this.forgetTeam(garageId);
    return result.modifiedCount === 1;
  }

  /** The members of a garage, in no particular order. */
  membersOf(garageId: Types.ObjectId): Promise<(Pick<User, keyof typeof MEMBER_FIELDS> & { _id: Types.ObjectId })[]> {
    return this.users.find({ garageId }).select(MEMBER_FIELDS).lean<(User & { _id: Types.ObjectId })[]>().exec();
  }

  /**
   * Migration to teams: every garagiste of a garage before teams was its one owner. Idempotent;
   * answers how many accounts it changed.
   */
  async makeFoundersOwners(): Promise<number> {
    const filter = { garageId: { $exists: true }, garageRole: { $exists: false } };
    // A read first: once migrated, a start scans without taking the embedded database's write lock.
    if (!(await this.users.exists(filter).exec())) return 0;
    const result = await retryTransient(() =>
      this.users.collection.updateMany(filter, { $set: { garageRole: 'owner' } }),
    );
    return result.modifiedCount;
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

  /**
   * Sets many people's unread counts, one conversation each (see setUnread), in one command that
   * answers no document: the badges of a recording batch, which nobody waits to read back.
   */
  async setUnreadCounts(counts: readonly UnreadCount[]): Promise<void> {
    if (counts.length === 0) return;
    await this.users.collection.bulkWrite(
      counts.map(({ userId, conversationId, count }) => {
        const path = `unreadBy.${conversationId}`;
        return {
          updateOne: {
            filter: { _id: new Types.ObjectId(userId) },
            update: count > 0 ? { $set: { [path]: count } } : { $unset: { [path]: 1 } },
          },
        };
      }),
      { ordered: false, writeConcern: RECOVERABLE_WRITE },
    );
  }

  /** Counts what a garage's member just read (see User.garageReadTotal) and answers their new read total. */
  async addGarageRead(userId: Types.ObjectId | string, count: number): Promise<number> {
    const updated = await this.users.collection.findOneAndUpdate(
      { _id: new Types.ObjectId(userId) },
      { $inc: { garageReadTotal: count } },
      { returnDocument: 'after' },
    );
    return (updated?.['garageReadTotal'] as number | undefined) ?? 0;
  }

  /** The ids of a garage's members, from memory when read before (see `teams`). */
  garageMemberIds(garageId: Types.ObjectId | string): Promise<readonly string[]> {
    return this.teams.read(garageId.toString(), async () => {
      const members = await this.users
        .find({ garageId: new Types.ObjectId(garageId) })
        .select({ _id: 1 })
        .lean<{ _id: Types.ObjectId }[]>()
        .exec();
      return members.map((member) => member._id.toHexString());
    });
  }

  /** Forgets what this replica remembers of the garage's team: its membership changed (here or on another replica). */
  forgetTeam(garageId: Types.ObjectId | string): void {
    this.teams.forget(garageId.toString());
  }

  /** Forgets every team this replica remembers: notices of changes may have been missed (Redis was away). */
  forgetTeams(): void {
    this.teams.forgetAll();
  }

  async garageReadTotal(userId: Types.ObjectId | string): Promise<number> {
    const user = await this.users.findById(userId).select({ garageReadTotal: 1 }).lean<User>().exec();
    return user?.garageReadTotal ?? 0;
  }

  async unreadTotal(userId: Types.ObjectId | string): Promise<number> {
    return totalUnread(await this.users.findById(userId).select({ unreadBy: 1 }).lean<User>().exec());
  }

  async replacePasswordHash(userId: Types.ObjectId, passwordHash: string): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { passwordHash } }).exec();
  }

  /** The account is being deleted: it can no longer log in nor be used (see User.deletingAt). */
  async markDeleting(userId: Types.ObjectId): Promise<void> {
    await this.users
      .updateOne({ _id: userId, deletingAt: { $exists: false } }, { $set: { deletingAt: new Date() } })
      .exec();
  }

  /** The accounts of these ids that exist (an erased one is missing). */
  findByIds(ids: Types.ObjectId[]): Promise<UserDocument[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.users.find({ _id: { $in: ids } }).exec();
  }

  /** Suspends the account, or keeps its first suspension's time and takes the new reason; null when it does not exist. */
  suspend(userId: Types.ObjectId, reason: string): Promise<UserDocument | null> {
    return this.users
      .findOneAndUpdate(
        { _id: userId },
        { $min: { suspendedAt: new Date() }, $set: { suspensionReason: reason } },
        { returnDocument: 'after' },
      )
      .exec();
  }

  /** Lifts the account's suspension; null when it does not exist. */
  reinstate(userId: Types.ObjectId): Promise<UserDocument | null> {
    return this.users
      .findOneAndUpdate(
        { _id: userId },
        { $unset: { suspendedAt: 1, suspensionReason: 1 } },
        { returnDocument: 'after' },
      )
      .exec();
  }

  /** Makes an account that belongs to no garage an admin; false when it belongs to one (or is gone). */
  async makeAdmin(userId: Types.ObjectId): Promise<boolean> {
    const { modifiedCount } = await this.users
      .updateOne({ _id: userId, garageId: { $exists: false } }, { $set: { role: 'admin' } })
      .exec();
    this.profiles.delete(userId.toHexString());
    return modifiedCount === 1;
  }

  /** An admin becomes an account of no garage again, as a client; false when it was no admin. */
  async revokeAdmin(userId: Types.ObjectId): Promise<boolean> {
    const { modifiedCount } = await this.users
      .updateOne({ _id: userId, role: 'admin' }, { $set: { role: 'client' } })
      .exec();
    this.profiles.delete(userId.toHexString());
    return modifiedCount === 1;
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
      ...(user.garageId ? { garageId: user.garageId.toHexString(), garageRole: UsersService.garageRoleOf(user) } : {}),
    };
  }

  /** A member's role; an account that ran its garage before teams and is not migrated yet is its owner. */
  static garageRoleOf(user: Pick<User, 'garageRole'>): GarageRole {
    return user.garageRole ?? 'owner';
  }

  static toParticipant(user: UserProfile & { role: SignUpRole }): ConversationParticipant {
    return {
      id: user.id,
      name: user.name,
      role: user.role,
      ...(user.garageName ? { garageName: user.garageName } : {}),
      ...(user.garageId ? { garageId: user.garageId } : {}),
    };
  }
}
