import { Injectable } from '@nestjs/common';
import {
  DELETED_ACCOUNT_NAME,
  ERROR_CODES,
  type ConversationParticipant,
  type SendMessageRequest,
} from '@promoto/shared-dto';
import { Types } from 'mongoose';
import { AppointmentsService } from '../appointments/appointments.service';
import type { AuthUser } from '../auth/auth-user';
import { ContactBlocks } from '../blocks/contact-blocks';
import { AppException, forbidden, notFound } from '../common/app-exception';
import { memoryCache } from '../common/memory-cache';
import { GaragesService } from '../garages/garages.service';
import type { UserProfile } from '../users/user-profile';
import { UsersService } from '../users/users.service';
import { conversationIdFor } from './conversation-id';
import type { ConversationSides } from '../common/conversation-sides';
import { sidesWith, viewerOf } from './conversation-parties';
import { ConversationsService, type PartyProfile } from './conversations.service';

/** Conversations known to exist, remembered by id: a conversation is never deleted. */
const KNOWN_CONVERSATIONS_SIZE = 50_000;

/** Who a message goes from and to, once the send is allowed. */
export interface Admission {
  /** The person writing: the client, or one of the garage's members. */
  sender: UserProfile;
  /** The sender's side and the other side: a client and a garage. */
  from: PartyProfile;
  to: PartyProfile;
  conversationId: Types.ObjectId;
  /** The two sides have no conversation yet: sending opens it (see `open`). */
  opens: boolean;
}

/** Who may write to whom, whose profile a user may see, and which conversation a route's `:userId` names. */
@Injectable()
export class ContactsService {
  private readonly knownConversations = memoryCache<string, true>({ max: KNOWN_CONVERSATIONS_SIZE });

  constructor(
    private readonly users: UsersService,
    private readonly garages: GaragesService,
    private readonly conversations: ConversationsService,
    private readonly appointments: AppointmentsService,
    private readonly contactBlocks: ContactBlocks,
  ) {}

  /**
   * Checks that the sender may send this message, changing nothing: a first message's
   * conversation is opened by `open`, once the send is known not to be a replay. Profiles, garage
   * names and the conversations known to exist come from memory, so an ordinary message in an
   * existing conversation costs no database read.
   */
  async admit(user: AuthUser, request: SendMessageRequest): Promise<Admission> {
    const viewer = viewerOf(user);
    const [sender, from, to] = await Promise.all([
      this.users.profile(user.id),
      user.role === 'client' ? this.clientParty(user.id) : this.garageParty(viewer.partyId),
      this.partyNamed(request.recipientId),
    ]);
    if (!sender || !from) throw notFound('This account no longer exists.');
    const conversationId = conversationIdFor(from.id, to.id);
    const known = await this.conversationExists(conversationId);
    const sides = sidesWith(viewer, to.id);
    await this.assertCanWrite(from, to, sides, known, request.note === true);
    if (request.appointmentId) {
      await this.appointments.assertLinks(request.appointmentId, sides.clientId, sides.garageId);
    }
    return { sender, from, to, conversationId, opens: !known };
  }

  /** Opens the admitted conversation (concurrent first messages meet on the same `_id`). */
  async open({ from, to, conversationId }: Admission): Promise<void> {
    await this.conversations.open(from, to);
    this.remember(conversationId);
  }

  /**
   * Opens the client's conversation with the garage if needed, without the rules of `admit`: for
   * the notices the API writes itself (a booking's change, an away notice), whose caller already
   * checked who may cause them.
   */
  async openBetween({ clientId, garageId }: ConversationSides): Promise<Types.ObjectId> {
    const conversationId = conversationIdFor(clientId, garageId);
    if (await this.conversationExists(conversationId)) return conversationId;
    const [client, garage] = await Promise.all([this.clientParty(clientId), this.garageParty(garageId)]);
    if (!client || !garage) throw notFound('No user has this id.');
    await this.conversations.open(client, garage);
    this.remember(conversationId);
    return conversationId;
  }

  /**
   * The other side a route's `:userId` names for this viewer: to a client, any member of a garage
   * (or the garage's own id) names the garage; to a garage's member, the client. Not found when
   * it names nobody.
   */
  async otherSide(userId: string): Promise<string> {
    try {
      return (await this.partyNamed(userId)).id;
    } catch (error) {
      // A deleted client's id still names their conversations (shown « Compte supprimé »).
      if (error instanceof AppException && error.code === ERROR_CODES.NOT_FOUND) return userId;
      throw error;
    }
  }

  /** Not found unless the id names someone (a user, or a garage). */
  async assertNamesSomeone(userId: string): Promise<void> {
    await this.partyNamed(userId);
  }

  /**
   * A garagiste's profile, and a garage's (by its id, as a client's conversation names it), are
   * public to signed-in users; a client's, to the garages they deal with.
   */
  async profile(viewer: AuthUser, userId: string): Promise<ConversationParticipant> {
    const user = await this.users.profile(userId);
    if (!user) {
      const garage = await this.garageParty(userId);
      if (!garage && (await this.deletedClientOf(viewer, userId))) {
        return { id: userId, name: DELETED_ACCOUNT_NAME, role: 'client' };
      }
      if (!garage) throw notFound('No user has this id.');
      return {
        id: garage.id,
        name: garage.name,
        role: 'garagiste',
        ...(garage.garageName ? { garageName: garage.garageName } : {}),
      };
    }
    const visible =
      user.role === 'garagiste' ||
      user.id === viewer.id ||
      (viewer.role === 'garagiste' &&
        viewer.garageId !== undefined &&
        (await this.garageKnowsClient(viewer.garageId, user.id)));
    // An admin is never anyone's contact.
    if (!visible || user.role === 'admin') throw notFound('No user has this id.');
    return UsersService.toParticipant({ ...user, role: user.role });
  }

  /** Whether the garage may write to the client: the client booked with it, or they have a conversation. */
  async garageKnowsClient(garageId: string, clientId: string): Promise<boolean> {
    return (
      (await this.conversationExists(conversationIdFor(garageId, clientId))) ||
      this.appointments.haveBooking(clientId, garageId)
    );
  }

  /** The side an id names: a client, the garage of a garagiste, or a garage by its own id. */
  private async partyNamed(id: string): Promise<PartyProfile> {
    const user = await this.users.profile(id);
    if (user?.role === 'client') return { id: user.id, name: user.name, role: 'client' };
    // An admin cannot be written to: to the sender it is nobody.
    if (user?.role === 'admin') throw notFound('No user has this id.');
    if (user && !user.garageId) throw notFound('This garagiste belongs to no garage.');
    const garage = await this.garageParty(user?.garageId ?? id);
    if (!garage) throw notFound('No user has this id.');
    return garage;
  }

  /** Whether the id is a client erased since writing to the viewer's garage: their thread stays, under « Compte supprimé ». */
  private async deletedClientOf(viewer: AuthUser, userId: string): Promise<boolean> {
    return viewer.garageId !== undefined && this.conversationExists(conversationIdFor(viewer.garageId, userId));
  }

  private async clientParty(userId: string): Promise<PartyProfile | null> {
    const client = await this.users.profile(userId);
    return client?.role === 'client' ? { id: client.id, name: client.name, role: 'client' } : null;
  }

  private async garageParty(garageId: string): Promise<PartyProfile | null> {
    const name = await this.garages.nameOf(garageId);
    return name ? { id: garageId, name, role: 'garagiste', garageName: name } : null;
  }

  /**
   * A client may write to any garage; a garage's member may write to a client who booked with the
   * garage or who wrote to it first (then a conversation exists). Nobody writes to their own side,
   * nor to a side that blocks it or that it blocks: this one check covers every kind of message
   * that reaches the other side (a garage's internal note stays in the garage, blocked or not).
   */
  private async assertCanWrite(
    from: PartyProfile,
    to: PartyProfile,
    sides: ConversationSides,
    conversationExists: boolean,
    internal: boolean,
  ): Promise<void> {
    if (from.id === to.id) throw forbidden('You cannot write to yourself.');
    if (from.role === to.role) {
      throw forbidden(
        from.role === 'client' ? 'A client can only write to a garagiste.' : 'A garagiste can only write to a client.',
      );
    }
    if (!internal) await this.contactBlocks.assertOpen(sides, from.role === 'client' ? 'client' : 'garage', 'message');
    if (from.role === 'client' || conversationExists) return;
    if (!(await this.appointments.haveBooking(to.id, from.id))) {
      throw forbidden('You can write to a client once they have booked with your garage or written to you.');
    }
  }

  private async conversationExists(conversationId: Types.ObjectId): Promise<boolean> {
    if (this.knownConversations.has(conversationId.toHexString())) return true;
    const exists = await this.conversations.exists(conversationId);
    if (exists) this.remember(conversationId);
    return exists;
  }

  private remember(conversationId: Types.ObjectId): void {
    this.knownConversations.set(conversationId.toHexString(), true);
  }
}
