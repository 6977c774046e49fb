import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../events/domain-events';
import { ChatEvents } from '../realtime/chat-events';
import { MessageRecorded } from './message-events';

/**
 * The first listener of `message.recorded`: `new-message` to the recipient's tabs and to the
 * sender's other tabs (the sending socket has it in its acknowledgement).
 */
@Injectable()
export class MessageDelivery implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly chat: ChatEvents,
  ) {}

  onModuleInit(): void {
    this.events.on(MessageRecorded, ({ view, origin }) => this.chat.newMessage(view, origin));
  }
}
