import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  SESSION_REPLACED_REASON,
  SOCKET_EVENTS,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@promoto/shared-dto';
import type { Socket } from 'socket.io';
import type { Environment } from '../config/environment';

type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Caps the sockets one account holds on this process (MAX_SOCKETS_PER_USER): past the cap the
 * oldest is told why (`session-replaced`) and closed, so that a user's newest tabs always work
 * and nobody multiplies the fan-out of their messages.
 */
@Injectable()
export class SocketSessions {
  private readonly limit: number;
  private readonly byUser = new Map<string, Set<ChatSocket>>();

  constructor(config: ConfigService<Environment, true>) {
    this.limit = config.get('MAX_SOCKETS_PER_USER', { infer: true });
  }

  add(userId: string, socket: ChatSocket): void {
    const sockets = this.byUser.get(userId) ?? new Set<ChatSocket>();
    this.byUser.set(userId, sockets);
    sockets.add(socket);
    socket.once('disconnect', () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.byUser.get(userId) === sockets) this.byUser.delete(userId);
    });
    // A Set iterates in insertion order: the first ones are the oldest.
    for (const oldest of sockets) {
      if (sockets.size <= this.limit) break;
      sockets.delete(oldest);
      oldest.emit(SOCKET_EVENTS.sessionReplaced, {
        reason: SESSION_REPLACED_REASON,
        message: `This account opened more than ${this.limit} connections: the oldest was closed.`,
      });
      oldest.disconnect(true);
    }
  }
}
