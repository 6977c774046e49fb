import { Module } from '@nestjs/common';
import { ChatEvents } from './chat-events';
import { SocketSessions } from './socket-sessions';

@Module({ providers: [ChatEvents, SocketSessions], exports: [ChatEvents, SocketSessions] })
export class RealtimeModule {}
