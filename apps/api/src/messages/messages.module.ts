import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AppointmentsModule } from '../appointments/appointments.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuthModule } from '../auth/auth.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { AppointmentMessagesController } from './appointment-messages.controller';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';
import { Conversation, ConversationSchema } from './conversation.schema';
import { ConversationFolders } from './conversation-folders';
import { ConversationsService } from './conversations.service';
import { Message, MessageSchema } from './message.schema';
import { MessagesController } from './messages.controller';
import { MessagesGateway } from './messages.gateway';
import { MessagesService } from './messages.service';
import { MessageStore } from './message-store';
import { ConversationRecorder } from './conversation-recorder';
import { SendPipeline } from './send-pipeline';
import { TypingRelay } from './typing-relay';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { ObservabilityModule } from '../observability/observability.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ResponsivenessModule } from '../responsiveness/responsiveness.module';
import { ReplyWatch } from './reply-watch';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Message.name, schema: MessageSchema },
      { name: Conversation.name, schema: ConversationSchema },
    ]),
    AuthModule,
    UsersModule,
    AppointmentsModule,
    AttachmentsModule,
    NotificationsModule,
    RealtimeModule,
    LifecycleModule,
    RateLimitModule,
    ObservabilityModule,
    ResponsivenessModule,
  ],
  controllers: [MessagesController, AppointmentMessagesController, ContactsController],
  providers: [
    SendPipeline,
    MessageStore,
    ConversationRecorder,
    MessagesService,
    ConversationsService,
    ConversationFolders,
    ContactsService,
    MessagesGateway,
    TypingRelay,
    ReplyWatch,
  ],
  exports: [SendPipeline, MessagesService, ReplyWatch],
})
export class MessagesModule {}
