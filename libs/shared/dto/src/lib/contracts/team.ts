import type { IsoDate } from './views';

/** A member's role in their garage: owners manage the team, staff answer clients. */
export const GARAGE_ROLES = ['owner', 'staff'] as const;
export type GarageRole = (typeof GARAGE_ROLES)[number];

/** How long an invitation's link works, from the moment it is sent. */
export const INVITATION_VALIDITY_DAYS = 7;

/** One person of a garage's team. */
export interface GarageMemberView {
  userId: string;
  name: string;
  email: string;
  role: GarageRole;
  /** When they joined (for the garage's first owner: when the account was created). */
  joinedAt: IsoDate;
}

/** An invitation not accepted yet, still within its validity. */
export interface GarageInvitationView {
  id: string;
  email: string;
  role: GarageRole;
  invitedByName: string;
  invitedAt: IsoDate;
  expiresAt: IsoDate;
}

/** GET /api/team: my garage's members, owners first, and (for its owners) the pending invitations. */
export interface GarageTeamView {
  garageId: string;
  garageName: string;
  members: GarageMemberView[];
  /** Empty for a staff member: invitations are the owners' business. */
  invitations: GarageInvitationView[];
}

/** POST /api/team/invitations: an owner invites someone by e-mail, with the role they will have. */
export interface InviteMemberRequest {
  email: string;
  role: GarageRole;
}

/** PATCH /api/team/members/:userId: an owner changes a member's role. */
export interface ChangeMemberRoleRequest {
  role: GarageRole;
}

/** The secret of an invitation's link: POST /api/invitations/preview and /accept. */
export interface InvitationTokenRequest {
  token: string;
}

/** POST /api/invitations/register: accepts an invitation with a new garagiste account for its e-mail. */
export interface InvitationRegisterRequest extends InvitationTokenRequest {
  name: string;
  password: string;
}

/** POST /api/invitations/preview: what the invitation's link offers, before accepting it. */
export interface InvitationPreviewView {
  garageName: string;
  email: string;
  role: GarageRole;
  invitedByName: string;
  expiresAt: IsoDate;
  /** Whether an account already uses the invited e-mail: then log in and accept, else create one. */
  accountExists: boolean;
}

/**
 * Sent to every tab of a member the garage removed (or who left), just before the server closes
 * those sockets: the account stays, without the garage.
 */
export interface MembershipEndedEvent {
  garageId: string;
  message: string;
}
