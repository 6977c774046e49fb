import { Global, Module } from '@nestjs/common';
import { ChatEvents } from './chat-events';

@Global()
@Module({ providers: [ChatEvents], exports: [ChatEvents] })
export class RealtimeModule {}
