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
import { AppointmentsService } from '../appointments/appointments.service';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/app-exception';
import { UsersService } from '../users/users.service';
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
  ) {}

  /** Marks as read everything `otherUserId` has sent me so far, and tells them. */
  markRead(reader: AuthUser, otherUserId: string): Promise<MarkReadResponse> {
    return this.recorder.markRead(reader.id, otherUserId);
  }

  /** My messages with that user: the newest page, an older one (`before`) or what came `after`. */
  async history(me: AuthUser, otherUserId: string, query: HistoryQuery): Promise<Page<MessageView>> {
    const conversation = await this.conversations.findBetween(me.id, otherUserId);
    if (!conversation) {
      if (!(await this.users.profile(otherUserId))) throw notFound('No user has this id.');
      return { items: [], nextCursor: null };
    }
    return this.store.page({ conversation: conversation._id }, query);
  }

  /** The messages linked to a booking, for its client and its garagiste only. */
  async forAppointment(user: AuthUser, appointmentId: string, query: HistoryQuery): Promise<Page<MessageView>> {
    const appointment = await this.appointments.getVisible(appointmentId, user);
    return this.store.page({ appointment: appointment._id }, query);
  }

  async listConversations(me: AuthUser, query: ConversationsQuery): Promise<Page<ConversationView>> {
    await this.recorder.settledFor(me.id);
    return this.conversations.listFor(
      me.id,
      query.folder ?? 'inbox',
      query.cursor,
      query.limit ?? LIMITS.conversationPageDefaultSize,
    );
  }

  /** Archives my conversation with that user, or puts it back in my inbox; my other tabs are told. */
  setArchived(me: AuthUser, otherUserId: string, archived: boolean): Promise<ConversationView> {
    return this.recorder.setFolder(me.id, otherUserId, archived ? 'archived' : 'inbox');
  }

  async unreadTotal(me: AuthUser): Promise<number> {
    await this.recorder.settledFor(me.id);
    return this.users.unreadTotal(me.id);
  }
}
