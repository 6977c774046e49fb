import { UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  conversationRoom,
  garageRoom,
  SOCKET_EVENTS,
  userRoom,
  type AckSuccess,
  type ClientToServerEvents,
  type MarkReadResponse,
  type MessageView,
  type ServerToClientEvents,
} from '@promoto/shared-dto';
import { JoinRoomDto, MarkReadDto, SendMessageDto, TypingDto } from '@promoto/shared-dto/validation';
import type { Socket } from 'socket.io';
import { TokenService } from '../auth/token.service';
import { badRequest, forbidden, notFound } from '../common/app-exception';
import { inputPipes } from '../common/validation';
import { MetricsService } from '../observability/metrics.service';
import { ChatEvents, sessionRoom, type ChatServer } from '../realtime/chat-events';
import { socketAuthMiddleware, type SocketData } from '../realtime/socket-auth';
import { SocketSessions } from '../realtime/socket-sessions';
import { WsAckExceptionFilter } from '../realtime/ws-ack-exception.filter';
import { ContactsService } from './contacts.service';
import { isMemberView, partyOf, viewerOf } from './conversation-parties';
import { ConversationsService } from './conversations.service';
import { MessagesService } from './messages.service';
import { SendPipeline } from './send-pipeline';
import { TypingRelay } from './typing-relay';

/** setTimeout fires at once for delays above 2^31 - 1 ms (about 24.8 days). */
const clampDelay = (ms: number) => Math.min(Math.max(0, ms), 2 ** 31 - 1);

type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The chat over Socket.IO. Thin: it validates, checks membership and calls the same services
 * as the REST controller. Every event answers through its acknowledgement.
 */
@WebSocketGateway()
@UseFilters(WsAckExceptionFilter)
export class MessagesGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    private readonly pipeline: SendPipeline,
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
    private readonly contacts: ContactsService,
    private readonly tokens: TokenService,
    private readonly events: ChatEvents,
    private readonly metrics: MetricsService,
    private readonly typingRelay: TypingRelay,
    private readonly sessions: SocketSessions,
  ) {}

  afterInit(server: ChatServer): void {
    server.use(socketAuthMiddleware(this.tokens));
    this.events.bind(server);
  }

  /**
   * Every socket of a user joins `user:<id>`, so each tab gets their badges and views, and every
   * socket of a garage's member `garage:<id>`, so each gets the garage's conversations' messages
   * and reads (it leaves with the membership: a removed member's sockets are closed).
   */
  async handleConnection(socket: ChatSocket): Promise<void> {
    this.metrics.connectedSockets.inc();
    // A session ends with its token: the client reconnects with a fresh one or is told TOKEN_EXPIRED.
    const expiry = setTimeout(() => socket.disconnect(true), clampDelay(socket.data.expiresAt - Date.now()));
    socket.once('disconnect', () => clearTimeout(expiry));
    this.sessions.add(socket.data.user.id, socket);
    const { user } = socket.data;
    const party = partyOf(user);
    await socket.join([
      userRoom(user.id),
      sessionRoom(socket.data.sessionId),
      ...(party && party !== user.id ? [garageRoom(party)] : []),
    ]);
  }

  handleDisconnect(): void {
    this.metrics.connectedSockets.dec();
  }

  @SubscribeMessage(SOCKET_EVENTS.joinRoom)
  async joinRoom(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(...inputPipes) payload: JoinRoomDto,
  ): Promise<AckSuccess<{ conversationId: string | null }>> {
    const conversationId = await this.resolveConversation(socket, payload);
    if (conversationId) await socket.join(conversationRoom(conversationId));
    return { ok: true, conversationId };
  }

  @SubscribeMessage(SOCKET_EVENTS.leaveRoom)
  async leaveRoom(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(...inputPipes) payload: JoinRoomDto,
  ): Promise<AckSuccess> {
    const conversationId = await this.resolveConversation(socket, payload);
    if (conversationId) await socket.leave(conversationRoom(conversationId));
    return { ok: true };
  }

  @SubscribeMessage(SOCKET_EVENTS.sendMessage)
  async sendMessage(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(...inputPipes) payload: SendMessageDto,
  ): Promise<AckSuccess<{ message: MessageView }>> {
    const message = await this.pipeline.send(socket.data.user, payload, socket.id);
    return { ok: true, message };
  }

  @SubscribeMessage(SOCKET_EVENTS.markRead)
  async markRead(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(...inputPipes) { userId }: MarkReadDto,
  ): Promise<AckSuccess<{ result: MarkReadResponse }>> {
    return {
      ok: true,
      result: await this.messages.markRead(socket.data.user, userId),
    };
  }

  /**
   * Relayed to the conversation's room, never stored; rate-limited per sender and recipient. A
   * member typing an internal note is relayed to the garage's members in the room only (the
   * client's sockets are left out: they see nobody typing). While either side blocks the other,
   * only a note's typing is relayed.
   */
  @SubscribeMessage(SOCKET_EVENTS.typing)
  async typing(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(...inputPipes) { recipientId, isTyping, note }: TypingDto,
  ): Promise<AckSuccess> {
    const userId = socket.data.user.id;
    const viewer = viewerOf(socket.data.user);
    if (note && !isMemberView(viewer)) throw forbidden("Only a garage's members write internal notes.");
    const { conversationId, otherSide, reachable } = await this.typingRelay.conversationFor(viewer, recipientId);
    if (!note && !reachable) return { ok: true };
    const room = socket.to(conversationRoom(conversationId));
    (note ? room.except(userRoom(otherSide)) : room).emit(SOCKET_EVENTS.typing, {
      conversationId,
      userId,
      isTyping,
      ...(note ? { note } : {}),
    });
    return { ok: true };
  }

  /** The conversation named by the payload, if the socket's user's side is one of its two. */
  private async resolveConversation(socket: ChatSocket, payload: JoinRoomDto): Promise<string | null> {
    const viewer = viewerOf(socket.data.user);
    if (payload.conversationId) {
      const conversation = await this.conversations.findForViewer(payload.conversationId, viewer);
      // Someone else's conversation answers exactly like a missing one.
      if (!conversation) throw notFound('You have no conversation with this id.');
      return conversation._id.toHexString();
    }
    if (payload.userId) {
      const conversation = await this.conversations.findBetween(
        viewer.partyId,
        await this.contacts.otherSide(payload.userId),
      );
      return conversation?._id.toHexString() ?? null;
    }
    throw badRequest('Give a userId or a conversationId.');
  }
}
