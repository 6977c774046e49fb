import { Injectable } from '@nestjs/common';
import {
  ERROR_CODES,
  type GarageInvitationView,
  type GarageMemberView,
  type GarageRole,
  type GarageTeamView,
} from '@promoto/shared-dto';
import { Types } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { conflict, forbidden, notFound } from '../common/app-exception';
import { GaragesService } from '../garages/garages.service';
import { UsersService } from '../users/users.service';
import { DomainEvents } from '../events/domain-events';
import { MembershipSessions } from './membership-sessions';
import { MemberLeft } from './team-events';

type Member = Awaited<ReturnType<UsersService['membersOf']>>[number];
type Garage = Awaited<ReturnType<GaragesService['get']>>;

const ROLE_ORDER: Record<GarageRole, number> = { owner: 0, staff: 1 };

const lastOwner = () =>
  conflict(ERROR_CODES.LAST_OWNER, 'The garage would have no owner left: make another member an owner first.');
const changedMeanwhile = () =>
  conflict(ERROR_CODES.CONFLICT, "This member's role changed meanwhile: reload the team and try again.");

/**
 * A garage's members (accounts with its `garageId`) and their roles. Owners manage the team; the
 * last owner cannot leave nor be demoted (see Garage.ownerCount), the one who registered the
 * garage included, and a member out of the garage loses its access at once (MembershipSessions).
 */
@Injectable()
export class TeamService {
  constructor(
    private readonly users: UsersService,
    private readonly garages: GaragesService,
    private readonly sessions: MembershipSessions,
    private readonly events: DomainEvents,
  ) {}

  /** The caller's garage, for any member. */
  async memberContext(user: AuthUser): Promise<{ garage: Garage; garageId: Types.ObjectId }> {
    if (!user.garageId) throw notFound('Your account belongs to no garage.');
    const garage = await this.garages.get(user.garageId);
    return { garage, garageId: garage._id };
  }

  /** The caller's garage, for its owners only. */
  async ownerContext(user: AuthUser): Promise<{ garage: Garage; garageId: Types.ObjectId }> {
    const context = await this.memberContext(user);
    if (user.garageRole !== 'owner') throw forbidden("Only the garage's owners manage its team.");
    return context;
  }

  async view(
    user: AuthUser,
    invitations: (garageId: Types.ObjectId) => Promise<GarageInvitationView[]>,
  ): Promise<GarageTeamView> {
    const { garage, garageId } = await this.memberContext(user);
    const [members, pending] = await Promise.all([
      this.users.membersOf(garageId),
      user.garageRole === 'owner' ? invitations(garageId) : Promise.resolve([]),
    ]);
    return {
      garageId: garage.id,
      garageName: garage.name,
      members: members
        .map(TeamService.toMemberView)
        .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name, 'fr')),
      invitations: pending,
    };
  }

  async changeRole(owner: AuthUser, memberId: string, role: GarageRole): Promise<GarageMemberView> {
    const { garageId } = await this.ownerContext(owner);
    const member = await this.member(garageId, memberId);
    const current = UsersService.garageRoleOf(member);
    if (current === role) return TeamService.toMemberView(member);
    if (current === 'owner' && !(await this.garages.releaseOwner(garageId))) throw lastOwner();
    const changed = await this.users.setGarageRole(member._id, garageId, current, role);
    if (!changed) {
      if (current === 'owner') await this.garages.addOwner(garageId);
      throw changedMeanwhile();
    }
    if (role === 'owner') await this.garages.addOwner(garageId);
    this.sessions.changed(memberId, garageId.toHexString());
    return TeamService.toMemberView(changed);
  }

  /**
   * An owner removes a member, or a member leaves (memberId is their own). The conversations are
   * the garage's and stay with it. When the one leaving is the garage's contact (the account a
   * garage's page names, `Garage.owner`), another owner becomes it, so that « Contacter » still
   * reaches the garage.
   */
  async remove(user: AuthUser, memberId: string): Promise<void> {
    const { garage, garageId } = memberId === user.id ? await this.memberContext(user) : await this.ownerContext(user);
    const members = await this.users.membersOf(garageId);
    const member = TeamService.find(members, memberId);
    const role = UsersService.garageRoleOf(member);
    if (role === 'owner' && !(await this.garages.releaseOwner(garageId))) throw lastOwner();
    if (!(await this.users.leaveGarage(member._id, garageId, role))) {
      if (role === 'owner') await this.garages.addOwner(garageId);
      throw changedMeanwhile();
    }
    if (garage.owner.equals(member._id)) {
      const successor = members.find(
        (other) => !other._id.equals(member._id) && UsersService.garageRoleOf(other) === 'owner',
      );
      if (successor) await this.garages.replaceContact(garageId, member._id, successor);
    }
    this.sessions.ended(memberId, garage.id, garage.name);
    await this.events.publish(new MemberLeft(garage.id, memberId));
  }

  private async member(garageId: Types.ObjectId, memberId: string): Promise<Member> {
    return TeamService.find(await this.users.membersOf(garageId), memberId);
  }

  private static find(members: Member[], memberId: string): Member {
    const member = members.find((candidate) => candidate._id.equals(memberId));
    if (!member) throw notFound('Your garage has no member with this id.');
    return member;
  }

  static toMemberView(member: Member): GarageMemberView {
    return {
      userId: member._id.toHexString(),
      name: member.name,
      email: member.email,
      role: UsersService.garageRoleOf(member),
      joinedAt: (member.joinedGarageAt ?? member.createdAt).toISOString(),
    };
  }
}
