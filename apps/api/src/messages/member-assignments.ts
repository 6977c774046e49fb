import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../events/domain-events';
import { MemberLeft } from '../team/team-events';
import { ConversationsService } from './conversations.service';

/** A member who leaves the garage is no longer anyone's assignee: their conversations become unassigned. */
@Injectable()
export class MemberAssignments implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly conversations: ConversationsService,
  ) {}

  onModuleInit(): void {
    this.events.on(MemberLeft, ({ userId }) => this.conversations.unassignMember(userId));
  }
}
