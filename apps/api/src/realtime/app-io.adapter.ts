import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import { ConfigService } from '@nestjs/config';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { context } from '@opentelemetry/api';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { Namespace, Server, ServerOptions, Socket } from 'socket.io';
import type { Adapter } from 'socket.io-adapter';
import type { Environment } from '../config/environment';
import { DrainService } from '../lifecycle/drain.service';
import { RedisService } from '../redis/redis.service';
import { SocketEventObserver } from './socket-event-observer';

/** Socket.IO frames are bounded: the largest valid event is a 2,000-character message. */
const MAX_FRAME_BYTES = 32 * 1024;

/**
 * How long a dropped connection's rooms and missed events are kept for it (in Redis with several
 * replicas): a client back within this delay, to any replica, gets what was sent meanwhile.
 */
const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

/** Events kept in the Redis stream, for replicas catching up after a blip and for recovered sessions. */
const STREAM_MAX_LENGTH = 100_000;

/**
 * The streams adapter, except that a reconnecting socket is not held while Redis is away (its
 * session lookup would wait in the publisher's queue): it starts afresh at once, and the client
 * catches up from the database as after any new connection.
 */
function recoveringWhileRedisIsUp(publisher: Redis) {
  const streamsAdapter = createAdapter(publisher, { maxLen: STREAM_MAX_LENGTH });
  // Socket.IO calls it with `new`: a function, not an arrow.
  return function adapterFor(namespace: Namespace) {
    const adapter = streamsAdapter(namespace);
    const restoreSession = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = (pid, offset) =>
      publisher.status === 'ready' ? restoreSession(pid, offset) : Promise.reject(new Error('Redis is away'));
    return adapter;
  } as unknown as typeof Adapter;
}

/**
 * Socket.IO with the API's CORS origin and bounded frames. With REDIS_URL, events reach every
 * replica through a Redis stream: each replica reads it from where it left off, so events
 * published while Redis was away (held in the publisher's queue) arrive once it is back, and a
 * socket that drops and comes back within RECOVERY_WINDOW_MS gets the events it missed, whichever
 * replica it reaches. A draining replica refuses new handshakes: clients reconnect elsewhere.
 */
export class AppIoAdapter extends IoAdapter {
  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const config = this.app.get<ConfigService<Environment, true>>(ConfigService);
    const drain = this.app.get(DrainService);
    const server: Server = super.createIOServer(port, {
      ...options,
      cors: { origin: config.get('FRONTEND_URL', { infer: true }), credentials: true },
      maxHttpBufferSize: MAX_FRAME_BYTES,
      // The handshake middlewares (the token check) run again for a recovered session.
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
      // Before any Socket.IO work: the client's own reconnection (with backoff) finds another replica.
      allowRequest: (_request: IncomingMessage, accept: (error: string | null, success: boolean) => void) =>
        accept(drain.isDraining ? 'this server is shutting down' : null, !drain.isDraining),
    });
    const redis = this.app.get(RedisService);
    if (redis.publisher) server.adapter(recoveringWhileRedisIsUp(redis.publisher));
    return server;
  }

  /**
   * Nest's own version builds an rxjs pipeline per handled event on every socket (about 20 kB a
   * socket here); plain listeners do the same job and leave an idle socket nearly as light as in
   * a bare Socket.IO server. Answers go to the acknowledgement, as in Nest's adapter.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    const observer = this.app.get(SocketEventObserver);
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        // The acknowledgement ends the event's span and timing, whoever sends it (the handler's
        // answer below, or the exception filter with the failure).
        const observed = observer.start(String(message), data, ack as ((response: unknown) => void) | undefined);
        const handled = context.with(observed.context, () => callback(data, observed.ack));
        transform(handled).subscribe({
          next: (response) => {
            if (response === null || response === undefined) return;
            const reply = response as { event?: string; data?: unknown };
            if (reply.event) socket.emit(reply.event, reply.data);
            else if (!isAckHandledManually) observed.ack?.(response);
          },
          complete: () => observed.end(),
          error: () => observed.end(),
        });
      });
    }
  }
}
