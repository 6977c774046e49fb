import { Injectable } from '@nestjs/common';
import {
  LIMITS,
  type ConversationsQuery,
  type ConversationView,
  type HistoryQuery,
  type MarkReadResponse,
  type MessageView,
  type Page,
} from '@promoto/shared-dto';
import { Types } from 'mongoose';
import { AppointmentsService } from '../appointments/appointments.service';
import { forbidden, notFound } from '../common/app-exception';
import type { AuthUser } from '../auth/auth-user';
import { UsersService } from '../users/users.service';
import { ContactsService } from './contacts.service';
import { isMemberView, viewerOf } from './conversation-parties';
import { ConversationRecorder } from './conversation-recorder';
import { ConversationsService } from './conversations.service';
import { MessageStore } from './message-store';

/**
 * Reading messages and conversations, and marking them read. Sending is the SendPipeline's; the
 * lists and badges a person reads wait for their own messages of this process to be recorded.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly store: MessageStore,
    private readonly conversations: ConversationsService,
    private readonly recorder: ConversationRecorder,
    private readonly appointments: AppointmentsService,
    private readonly users: UsersService,
    private readonly contacts: ContactsService,
  ) {}

  /**
   * Marks as read everything the other side has sent mine so far, and tells both sides. `userId`
   * names the other side: to a client, any member of the garage (or the garage); to a member, the client.
   */
  async markRead(reader: AuthUser, userId: string): Promise<MarkReadResponse> {
    return this.recorder.markRead(viewerOf(reader), await this.contacts.otherSide(userId));
  }

  /** My side's messages with the other side `userId` names: the newest page, an older one (`before`) or what came `after`. */
  async history(me: AuthUser, userId: string, query: HistoryQuery): Promise<Page<MessageView>> {
    const viewer = viewerOf(me);
    const conversation = await this.conversations.findBetween(viewer.partyId, await this.contacts.otherSide(userId));
    if (!conversation) {
      await this.contacts.assertNamesSomeone(userId);
      return { items: [], nextCursor: null };
    }
    return this.store.page({ conversation: conversation._id }, query, isMemberView(viewer));
  }

  /** The messages linked to a booking, for its client and its garage's members only (notes to the members only). */
  async forAppointment(user: AuthUser, appointmentId: string, query: HistoryQuery): Promise<Page<MessageView>> {
    const appointment = await this.appointments.getVisible(appointmentId, user);
    return this.store.page({ appointment: appointment._id }, query, user.role === 'garagiste');
  }

  /**
   * My side's conversations: a client's own, or a member's garage's (with their own unread counts),
   * all of them or, to a member, those assigned to them or to nobody.
   */
  async listConversations(me: AuthUser, query: ConversationsQuery): Promise<Page<ConversationView>> {
    const viewer = viewerOf(me);
    if (query.assigned && !isMemberView(viewer)) {
      throw forbidden("Only a garage's members filter conversations by assignee.");
    }
    await this.recorder.settledFor(viewer);
    return this.conversations.listFor(
      viewer,
      query.folder ?? 'inbox',
      query.cursor,
      query.limit ?? LIMITS.conversationPageDefaultSize,
      query.assigned,
    );
  }

  /**
   * Assigns my garage's conversation with the client `userId` names to a current member of my
   * garage (`assigneeId`), or to nobody (null); every member's tabs are told.
   */
  async assign(me: AuthUser, userId: string, assigneeId: string | null): Promise<ConversationView> {
    const viewer = viewerOf(me);
    if (!isMemberView(viewer)) throw forbidden("Only a garage's members assign conversations.");
    let assignee: { id: string; name: string } | null = null;
    if (assigneeId) {
      // Read from the database, not a cache: a member who just left is no longer one.
      const member = (await this.users.membersOf(new Types.ObjectId(viewer.partyId))).find(({ _id }) =>
        _id.equals(assigneeId),
      );
      if (!member) throw notFound('No member of your garage has this id.');
      assignee = { id: assigneeId, name: member.name };
    }
    return this.recorder.assign(viewer, await this.contacts.otherSide(userId), assignee);
  }

  /**
   * Archives my side's conversation with the other side `userId` names, or puts it back in the
   * inbox (a garage's archive is all its members'); my side's tabs are told.
   */
  async setArchived(me: AuthUser, userId: string, archived: boolean): Promise<ConversationView> {
    return this.recorder.setFolder(
      viewerOf(me),
      await this.contacts.otherSide(userId),
      archived ? 'archived' : 'inbox',
    );
  }

  /** My badge: a client's unread messages, or a member's own unread messages of the garage. */
  async unreadTotal(me: AuthUser): Promise<number> {
    const viewer = viewerOf(me);
    await this.recorder.settledFor(viewer);
    return isMemberView(viewer) ? this.recorder.memberUnreadTotal(viewer) : this.users.unreadTotal(me.id);
  }
}
