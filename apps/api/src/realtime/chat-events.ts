import { Injectable } from '@nestjs/common';
import {
  garageRoom,
  SOCKET_EVENTS,
  userRoom,
  type ClientToServerEvents,
  type ConversationUpdatedEvent,
  type MembershipEndedEvent,
  type MessagesReadEvent,
  type MessageView,
  type ServerToClientEvents,
} from '@promoto/shared-dto';
import type { Server } from 'socket.io';
import { RedisService } from '../redis/redis.service';

/**
 * Between replicas (through the adapter): an account's membership changed, forget what you cached
 * of it; a garage's team changed, forget what you cached of its members; sessions ended, refuse
 * their tokens from now on; a client and a garage blocked or unblocked each other, forget what you
 * cached of the pair; a garage's opening hours changed, forget what you cached of them.
 */
interface ServerSideEvents {
  'account-changed': (userId: string) => void;
  'team-changed': (garageId: string) => void;
  'sessions-ended': (sessionIds: string[]) => void;
  'blocks-changed': (pairKey: string) => void;
  'hours-changed': (garageId: string) => void;
}

export type ChatServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents>;

/**
 * The rooms of a message's two sides: its client's and its garage's (a message from before
 * garages' conversations: its two people's). An internal note's: the garage's only.
 */
function roomsOf(message: MessageView): string[] {
  if (message.kind === 'note' && message.garageId) return [garageRoom(message.garageId)];
  if (!message.garageId) return [userRoom(message.senderId), userRoom(message.recipientId)];
  const clientId = message.recipientId === message.garageId ? message.senderId : message.recipientId;
  return [userRoom(clientId), garageRoom(message.garageId)];
}

/** The room of one session's sockets (server side only: clients never name it). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Emits chat events to users' rooms. Services publish through it; the gateway hands it the
 * Socket.IO server once that exists, and with the Redis adapter the rooms span every replica.
 */
@Injectable()
export class ChatEvents {
  private server?: ChatServer;
  private readonly accountListeners: ((userId: string) => void)[] = [];
  private readonly teamListeners: ((garageId: string) => void)[] = [];
  private readonly sessionsEndedListeners: ((sessionIds: string[]) => void)[] = [];
  private readonly blocksListeners: ((pairKey: string) => void)[] = [];
  private readonly hoursListeners: ((garageId: string) => void)[] = [];
  private readonly reconnectListeners: (() => void)[] = [];
  /** Whether other replicas share the events (REDIS_URL): a lone process has nobody to tell. */
  private readonly clustered: boolean;

  constructor(redis: RedisService) {
    this.clustered = redis.publisher !== undefined;
    redis.publisher?.on('ready', () => {
      for (const listener of this.reconnectListeners) listener();
    });
  }

  bind(server: ChatServer): void {
    this.server = server;
    server.on('account-changed', (userId) => {
      for (const listener of this.accountListeners) listener(userId);
    });
    server.on('team-changed', (garageId) => {
      for (const listener of this.teamListeners) listener(garageId);
    });
    server.on('sessions-ended', (sessionIds) => {
      for (const listener of this.sessionsEndedListeners) listener(sessionIds);
    });
    server.on('blocks-changed', (pairKey) => {
      for (const listener of this.blocksListeners) listener(pairKey);
    });
    server.on('hours-changed', (garageId) => {
      for (const listener of this.hoursListeners) listener(garageId);
    });
  }

  /** Tells the other replicas (not this one) that an account changed; see onAccountChangedElsewhere. */
  accountChanged(userId: string): void {
    if (this.clustered) this.server?.serverSideEmit('account-changed', userId);
  }

  onAccountChangedElsewhere(listener: (userId: string) => void): void {
    this.accountListeners.push(listener);
  }

  /** Tells the other replicas (not this one) that a garage's team changed; see onTeamChangedElsewhere. */
  teamChanged(garageId: string): void {
    if (this.clustered) this.server?.serverSideEmit('team-changed', garageId);
  }

  onTeamChangedElsewhere(listener: (garageId: string) => void): void {
    this.teamListeners.push(listener);
  }

  /** Tells the other replicas (not this one) that sessions ended; see onSessionsEndedElsewhere. */
  sessionsEnded(sessionIds: string[]): void {
    if (this.clustered && sessionIds.length > 0) this.server?.serverSideEmit('sessions-ended', sessionIds);
  }

  onSessionsEndedElsewhere(listener: (sessionIds: string[]) => void): void {
    this.sessionsEndedListeners.push(listener);
  }

  /** Tells the other replicas (not this one) that a pair's blocks changed; see onBlocksChangedElsewhere. */
  blocksChanged(pairKey: string): void {
    if (this.clustered) this.server?.serverSideEmit('blocks-changed', pairKey);
  }

  onBlocksChangedElsewhere(listener: (pairKey: string) => void): void {
    this.blocksListeners.push(listener);
  }

  /** Tells the other replicas (not this one) that a garage's opening hours changed; see onHoursChangedElsewhere. */
  hoursChanged(garageId: string): void {
    if (this.clustered) this.server?.serverSideEmit('hours-changed', garageId);
  }

  onHoursChangedElsewhere(listener: (garageId: string) => void): void {
    this.hoursListeners.push(listener);
  }

  /**
   * Runs the listener each time this replica's Redis connection is (back) up: while it was away,
   * notices of the other replicas may have been lost (past the publishers' retries, or trimmed
   * from the stream), so what only a notice keeps exact is to be read again.
   */
  onRedisReconnected(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  /** Tells every socket of the user, on every replica, why it is closed, then closes them. */
  endSessions(userId: string, event: MembershipEndedEvent): void {
    this.server?.to(userRoom(userId)).emit(SOCKET_EVENTS.membershipEnded, event);
    this.server?.in(userRoom(userId)).disconnectSockets(true);
  }

  /**
   * A new message to every tab of both sides (the client's, and every member's of the garage; an
   * internal note to the garage's only), except the socket that sent it (`origin`), which has it
   * from its acknowledgement.
   */
  newMessage(message: MessageView, origin?: string): void {
    const rooms = this.server?.to(roomsOf(message));
    (origin ? rooms?.except(origin) : rooms)?.emit(SOCKET_EVENTS.newMessage, message);
  }

  /** An edited or deleted message, to every tab of both sides (an internal note's, of the garage's). */
  messageUpdated(message: MessageView): void {
    this.server?.to(roomsOf(message)).emit(SOCKET_EVENTS.messageUpdated, message);
  }

  /**
   * A read, to every tab of both sides: the client's, and every member's of the garage. `toClient`:
   * what the client is told instead (a member's read, whose own watermark may be an internal
   * note's id, as the garage's side's watermark), or null when the read changed nothing the client sees.
   */
  messagesRead(
    event: MessagesReadEvent,
    sides: { clientId: string; garageId: string },
    toClient: MessagesReadEvent | null = event,
  ): void {
    if (toClient === event) {
      this.server?.to([userRoom(sides.clientId), garageRoom(sides.garageId)]).emit(SOCKET_EVENTS.messagesRead, event);
      return;
    }
    this.server?.to(garageRoom(sides.garageId)).emit(SOCKET_EVENTS.messagesRead, event);
    if (toClient) this.server?.to(userRoom(sides.clientId)).emit(SOCKET_EVENTS.messagesRead, toClient);
  }

  conversationUpdated(userId: string, event: ConversationUpdatedEvent): void {
    this.server?.to(userRoom(userId)).emit(SOCKET_EVENTS.conversationUpdated, event);
  }

  /** Closes the sockets of an ended session, on every replica: their handshakes are refused from now on. */
  closeSessionSockets(sessionId: string): void {
    this.server?.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  /** Closes every socket of a user whose sessions all ended, on every replica. */
  closeUserSockets(userId: string): void {
    this.server?.in(userRoom(userId)).disconnectSockets(true);
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
