import { Module } from '@nestjs/common';
import { ObservabilityModule } from '../observability/observability.module';
import { RedisModule } from '../redis/redis.module';
import { ChatEvents } from './chat-events';
import { SocketEventObserver } from './socket-event-observer';
import { SocketSessions } from './socket-sessions';

@Module({
  imports: [ObservabilityModule, RedisModule],
  providers: [ChatEvents, SocketSessions, SocketEventObserver],
  exports: [ChatEvents, SocketSessions],
})
export class RealtimeModule {}
