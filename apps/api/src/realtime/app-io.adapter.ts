import type { INestApplicationContext } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import { ConfigService } from '@nestjs/config';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { Environment } from '../config/environment';
import { RedisService } from '../redis/redis.service';

/** Socket.IO frames are bounded: the largest valid event is a 2,000-character message. */
const MAX_FRAME_BYTES = 32 * 1024;

/**
 * Socket.IO with the API's CORS origin and bounded frames. With REDIS_URL, rooms span every
 * replica through Redis 7 sharded pub/sub, so a message sent through one replica reaches
 * sockets held by another. The static mode subscribes once per replica, not once per room: a
 * socket's rooms are live as soon as it connects, with no subscription still on its way.
 */
export class AppIoAdapter extends IoAdapter {
  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const config = this.app.get<ConfigService<Environment, true>>(ConfigService);
    const server: Server = super.createIOServer(port, {
      ...options,
      cors: { origin: config.get('FRONTEND_URL', { infer: true }), credentials: true },
      maxHttpBufferSize: MAX_FRAME_BYTES,
    });
    const redis = this.app.get(RedisService);
    if (redis.commands && redis.subscriber)
      server.adapter(createShardedAdapter(redis.commands, redis.subscriber, { subscriptionMode: 'static' }));
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
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        transform(callback(data, ack)).subscribe((response) => {
          if (response === null || response === undefined) return;
          const reply = response as { event?: string; data?: unknown };
          if (reply.event) socket.emit(reply.event, reply.data);
          else if (!isAckHandledManually && typeof ack === 'function') ack(response);
        });
      });
    }
  }
}
