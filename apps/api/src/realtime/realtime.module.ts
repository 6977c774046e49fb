import { Global, Module } from '@nestjs/common';
import { ChatEvents } from './chat-events';
import { SocketSessions } from './socket-sessions';

@Global()
@Module({ providers: [ChatEvents, SocketSessions], exports: [ChatEvents, SocketSessions] })
export class RealtimeModule {}
