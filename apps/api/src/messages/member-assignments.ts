import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../events/domain-events';
import { MemberLeft } from '../team/team-events';
import { ConversationRecorder } from './conversation-recorder';

/**
 * A member who leaves the garage is no longer anyone's assignee: their conversations become
 * unassigned, and the other members' open pages see it at once.
 */
@Injectable()
export class MemberAssignments implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly recorder: ConversationRecorder,
  ) {}

  onModuleInit(): void {
    this.events.on(MemberLeft, ({ garageId, userId }) => this.recorder.unassignMember(garageId, userId));
  }
}
