import { Injectable } from '@nestjs/common';
import {
  SOCKET_EVENTS,
  userRoom,
  type ClientToServerEvents,
  type ConversationUpdatedEvent,
  type MessagesReadEvent,
  type MessageView,
  type ServerToClientEvents,
} from '@promoto/shared-dto';
import type { Server } from 'socket.io';

export type ChatServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * Emits chat events to users' rooms. Services publish through it; the gateway hands it the
 * Socket.IO server once that exists, and with the Redis adapter the rooms span every replica.
 */
@Injectable()
export class ChatEvents {
  private server?: ChatServer;

  bind(server: ChatServer): void {
    this.server = server;
  }

  newMessage(message: MessageView): void {
    this.server
      ?.to([userRoom(message.senderId), userRoom(message.recipientId)])
      .emit(SOCKET_EVENTS.newMessage, message);
  }

  messagesRead(event: MessagesReadEvent, otherUserId: string): void {
    this.server?.to([userRoom(otherUserId), userRoom(event.readerId)]).emit(SOCKET_EVENTS.messagesRead, event);
  }

  conversationUpdated(userId: string, event: ConversationUpdatedEvent): void {
    this.server?.to(userRoom(userId)).emit(SOCKET_EVENTS.conversationUpdated, event);
  }

  /** Closes this replica's sockets only (not the other replicas'), so their clients reconnect elsewhere. */
  releaseLocalSockets(): void {
    this.server?.local.disconnectSockets(true);
  }
}
