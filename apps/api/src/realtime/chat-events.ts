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

  /** A new message to both people's every tab, except the socket that sent it (`origin`), which has it from its acknowledgement. */
  newMessage(message: MessageView, origin?: string): void {
    const rooms = this.server?.to([userRoom(message.senderId), userRoom(message.recipientId)]);
    (origin ? rooms?.except(origin) : rooms)?.emit(SOCKET_EVENTS.newMessage, message);
  }

  /** An edited or deleted message, to both people's every tab. */
  messageUpdated(message: MessageView): void {
    this.server
      ?.to([userRoom(message.senderId), userRoom(message.recipientId)])
      .emit(SOCKET_EVENTS.messageUpdated, message);
  }

  messagesRead(event: MessagesReadEvent, otherUserId: string): void {
    this.server?.to([userRoom(otherUserId), userRoom(event.readerId)]).emit(SOCKET_EVENTS.messagesRead, event);
  }

  conversationUpdated(userId: string, event: ConversationUpdatedEvent): void {
    this.server?.to(userRoom(userId)).emit(SOCKET_EVENTS.conversationUpdated, event);
  }

  /**
   * Whether the user has a socket open on any replica (the adapter asks the others); false when
   * that cannot be told, for instance while Redis is away.
   */
  async isConnected(userId: string): Promise<boolean> {
    if (!this.server) return false;
    try {
      return (await this.server.in(userRoom(userId)).fetchSockets()).length > 0;
    } catch {
      return false;
    }
  }

  /**
   * Tells this replica's sockets (not the other replicas') to go, so that their clients reconnect
   * elsewhere, and waits a bounded time for them to hang up: closing the server at once would
   * discard the goodbye still queued behind other packets, and clients would see a transport error.
   */
  async releaseLocalSockets(timeoutMs: number): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.local.disconnectSockets();
    const deadline = Date.now() + timeoutMs;
    while (server.engine.clientsCount > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
