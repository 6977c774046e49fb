import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import {
  ERROR_CODES,
  INVITATION_VALIDITY_DAYS,
  type AuthResponse,
  type GarageInvitationView,
  type InvitationPreviewView,
  type InvitationRegisterRequest,
  type InviteMemberRequest,
} from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { AuthService } from '../auth/auth.service';
import type { AuthUser } from '../auth/auth-user';
import { AppException, conflict, forbidden, notFound } from '../common/app-exception';
import type { Environment } from '../config/environment';
import { GaragesService } from '../garages/garages.service';
import { DomainEvents } from '../events/domain-events';
import { Mailer } from '../notifications/mailer';
import { UsersService } from '../users/users.service';
import { GarageInvitation, type GarageInvitationDocument } from './garage-invitation.schema';
import { composeInvitationEmail } from './invitation-email';
import { MembershipSessions } from './membership-sessions';
import { MemberJoined } from './team-events';
import { TeamService } from './team.service';

const VALIDITY_MS = INVITATION_VALIDITY_DAYS * 24 * 60 * 60 * 1000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Invitations to a garage's team: an owner sends one by e-mail, the link's holder accepts it once,
 * within INVITATION_VALIDITY_DAYS, with a new account for the invited e-mail or with their own
 * garagiste account of that e-mail.
 */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);
  private readonly frontendUrl: string;

  constructor(
    @InjectModel(GarageInvitation.name) private readonly invitations: Model<GarageInvitation>,
    private readonly team: TeamService,
    private readonly users: UsersService,
    private readonly garages: GaragesService,
    private readonly auth: AuthService,
    private readonly mailer: Mailer,
    private readonly sessions: MembershipSessions,
    private readonly events: DomainEvents,
    config: ConfigService<Environment, true>,
  ) {
    this.frontendUrl = config.get('FRONTEND_URL', { infer: true }).replace(/\/+$/, '');
  }

  /** Replaces any pending invitation of that e-mail to the garage, and sends the new link. */
  async invite(owner: AuthUser, request: InviteMemberRequest): Promise<GarageInvitationView> {
    const { garage } = await this.team.ownerContext(owner);
    const existing = await this.users.findByEmail(request.email);
    if (existing?.garageId?.equals(garage._id)) {
      throw conflict(ERROR_CODES.CONFLICT, 'This person is already a member of the garage.');
    }
    if (!this.mailer.enabled) {
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        ERROR_CODES.SERVICE_UNAVAILABLE,
        'E-mail is not configured on this server (SMTP_URL): no invitation can be sent.',
      );
    }
    const inviter = await this.users.profile(owner.id);
    const token = randomBytes(32).toString('base64url');
    await this.invitations
      .deleteMany({ garage: garage._id, email: request.email, acceptedAt: { $exists: false } })
      .exec();
    const invitation = await this.invitations.create({
      garage: garage._id,
      garageName: garage.name,
      email: request.email,
      role: request.role,
      tokenHash: hashOf(token),
      invitedBy: new Types.ObjectId(owner.id),
      invitedByName: inviter?.name ?? garage.ownerName,
      expiresAt: new Date(Date.now() + VALIDITY_MS),
    });
    try {
      await this.mailer.send(
        composeInvitationEmail({
          to: invitation.email,
          inviterName: invitation.invitedByName,
          garageName: invitation.garageName,
          role: invitation.role,
          link: `${this.frontendUrl}/invitation#${token}`,
          expiresAt: invitation.expiresAt,
        }),
      );
    } catch (error) {
      // An invitation nobody received must not linger as pending.
      await this.invitations.deleteOne({ _id: invitation._id }).exec();
      this.logger.warn(`invitation e-mail not sent: ${(error as Error).message}`);
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        ERROR_CODES.SERVICE_UNAVAILABLE,
        'The invitation e-mail could not be sent: nothing was saved, try again shortly.',
      );
    }
    return InvitationsService.toView(invitation);
  }

  /** The garage's invitations still waiting for an answer, newest first. */
  async pending(garageId: Types.ObjectId): Promise<GarageInvitationView[]> {
    const invitations = await this.invitations
      .find({ garage: garageId, acceptedAt: { $exists: false }, expiresAt: { $gt: new Date() } })
      .sort({ _id: -1 })
      .exec();
    return invitations.map(InvitationsService.toView);
  }

  async revoke(owner: AuthUser, invitationId: string): Promise<void> {
    const { garage } = await this.team.ownerContext(owner);
    const result = await this.invitations
      .deleteOne({ _id: new Types.ObjectId(invitationId), garage: garage._id, acceptedAt: { $exists: false } })
      .exec();
    if (result.deletedCount === 0) throw notFound('Your garage has no pending invitation with this id.');
  }

  async preview(token: string): Promise<InvitationPreviewView> {
    const invitation = await this.usable(token);
    return {
      garageName: invitation.garageName,
      email: invitation.email,
      role: invitation.role,
      invitedByName: invitation.invitedByName,
      expiresAt: invitation.expiresAt.toISOString(),
      accountExists: (await this.users.findByEmail(invitation.email)) !== null,
    };
  }

  /**
   * Accepts with a new garagiste account for the invited e-mail (409 EMAIL_TAKEN when it has one:
   * log in and accept). When the browser was signed in as another account (`accessToken`, the
   * caller's bearer token if any), that session ends, replaced by the new account's: one session
   * in that browser, not one left open behind it.
   */
  async register(request: InvitationRegisterRequest, accessToken?: string): Promise<AuthResponse> {
    const replaced = await this.auth.activeSessionOf(accessToken);
    const invitation = await this.claim(request.token);
    try {
      const session = await this.auth.registerMember(
        { email: invitation.email, name: request.name, password: request.password },
        { garageId: invitation.garage, garageName: invitation.garageName, garageRole: invitation.role },
      );
      await this.joined(invitation, session.user.id);
      this.sessions.changed(session.user.id, invitation.garage.toHexString());
      await this.auth.endReplaced(replaced);
      return session;
    } catch (error) {
      await this.release(invitation);
      throw error;
    }
  }

  /**
   * Accepts with the caller's own account: a garagiste of the invited e-mail without a garage. The
   * answer is a new session of the account, showing the garage, in place of the caller's (`sessionId`).
   */
  async accept(user: AuthUser, sessionId: string, token: string): Promise<AuthResponse> {
    const account = await this.users.findById(user.id);
    const invitation = await this.usable(token);
    if (!account || account.email !== invitation.email) {
      throw forbidden(`This invitation is for ${invitation.email}: log in with that account.`);
    }
    if (account.role !== 'garagiste') throw forbidden('A client account cannot join a garage.');
    if (account.garageId) {
      throw conflict(ERROR_CODES.CONFLICT, 'Your account already belongs to a garage: leave it first.');
    }
    const claimed = await this.claim(token);
    const joined = await this.users.joinGarage(account._id, {
      garageId: claimed.garage,
      garageName: claimed.garageName,
      garageRole: claimed.role,
    });
    if (!joined) {
      await this.release(claimed);
      throw conflict(ERROR_CODES.CONFLICT, 'Your account already belongs to a garage: leave it first.');
    }
    await this.joined(claimed, user.id);
    this.sessions.changed(user.id, claimed.garage.toHexString());
    return this.auth.replaceSession(joined, sessionId);
  }

  /** The invitation of that link, if it can still be accepted; 404, or 410 saying why not. */
  private async usable(token: string): Promise<GarageInvitationDocument> {
    const invitation = await this.invitations.findOne({ tokenHash: hashOf(token) }).exec();
    if (!invitation) throw notFound('This invitation link is not valid: it may have been replaced by a newer one.');
    if (invitation.acceptedAt) {
      throw new AppException(
        HttpStatus.GONE,
        ERROR_CODES.INVITATION_USED,
        'This invitation has already been accepted.',
      );
    }
    if (invitation.expiresAt <= new Date()) {
      throw new AppException(
        HttpStatus.GONE,
        ERROR_CODES.INVITATION_EXPIRED,
        'This invitation has expired: ask the garage for a new one.',
      );
    }
    return invitation;
  }

  /** Marks the invitation accepted, if nobody did and it has not expired: the update that checks is the one that claims. */
  private async claim(token: string): Promise<GarageInvitationDocument> {
    const claimed = await this.invitations
      .findOneAndUpdate(
        { tokenHash: hashOf(token), acceptedAt: { $exists: false }, expiresAt: { $gt: new Date() } },
        { $set: { acceptedAt: new Date() } },
        { returnDocument: 'after' },
      )
      .exec();
    if (claimed) return claimed;
    // Not usable (the same answers as a preview), or claimed by a request that has not finished.
    await this.usable(token);
    throw conflict(ERROR_CODES.CONFLICT, 'This invitation is being accepted by another request: try again shortly.');
  }

  private async release(invitation: GarageInvitationDocument): Promise<void> {
    await this.invitations.updateOne({ _id: invitation._id }, { $unset: { acceptedAt: 1 } }).exec();
  }

  /** The new member is in: told before the answer (their reading of the garage's past starts from it). */
  private async joined(invitation: GarageInvitationDocument, userId: string): Promise<void> {
    if (invitation.role === 'owner') await this.garages.addOwner(invitation.garage);
    await this.invitations
      .updateOne({ _id: invitation._id }, { $set: { acceptedBy: new Types.ObjectId(userId) } })
      .exec();
    await this.events.publish(new MemberJoined(invitation.garage.toHexString(), userId));
  }

  static toView(invitation: GarageInvitationDocument): GarageInvitationView {
    return {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      invitedByName: invitation.invitedByName,
      invitedAt: invitation.createdAt.toISOString(),
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }
}
