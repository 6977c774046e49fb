import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AppointmentsModule } from '../appointments/appointments.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuthModule } from '../auth/auth.module';
import { BlocksModule } from '../blocks/blocks.module';
import { GaragesModule } from '../garages/garages.module';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { ObservabilityModule } from '../observability/observability.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { UsersModule } from '../users/users.module';
import { OpeningHoursModule } from '../opening-hours/opening-hours.module';
import { AppointmentMessagesController } from './appointment-messages.controller';
import { AwayNotices } from './away-notices';
import { BookingNotices } from './booking-notices';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';
import { Conversation, ConversationSchema } from './conversation.schema';
import { ConversationAssignmentsMigration } from './conversation-assignments-migration';
import { ConversationFolders } from './conversation-folders';
import { ConversationReader } from './conversation-reader';
import { ConversationRecorder } from './conversation-recorder';
import { ConversationRetention } from './conversation-retention';
import { ConversationsService } from './conversations.service';
import { GarageConversationsMigration } from './garage-conversations-migration';
import { MessageDelivery } from './message-delivery';
import { MessageSequence } from './message-sequence';
import { MessageStore } from './message-store';
import { Message, MessageSchema } from './message.schema';
import { MessagesController } from './messages.controller';
import { MessagesGateway } from './messages.gateway';
import { MemberAssignments } from './member-assignments';
import { MemberReadBaseline } from './member-read-baseline';
import { MessagesService } from './messages.service';
import { RecordingCheckpoint } from './recording-checkpoint';
import { RecordingRecovery } from './recording-recovery';
import { SendPipeline } from './send-pipeline';
import { TypingRelay } from './typing-relay';
import { UnreadBadges } from './unread-badges';

/**
 * Messages and conversations: the send path (SendPipeline, then the listeners of
 * MessageRecorded), history, reads, booking notices and away notices. Other modules read it through
 * ConversationReader and the events of message-events.ts, never through its collections.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Message.name, schema: MessageSchema },
      { name: Conversation.name, schema: ConversationSchema },
    ]),
    AuthModule,
    BlocksModule,
    UsersModule,
    GaragesModule,
    AppointmentsModule,
    AttachmentsModule,
    RealtimeModule,
    LifecycleModule,
    RateLimitModule,
    ObservabilityModule,
    OpeningHoursModule,
  ],
  controllers: [MessagesController, AppointmentMessagesController, ContactsController],
  providers: [
    SendPipeline,
    MessageSequence,
    MessageStore,
    MessageDelivery,
    ConversationRecorder,
    RecordingCheckpoint,
    RecordingRecovery,
    UnreadBadges,
    BookingNotices,
    AwayNotices,
    MessagesService,
    ConversationsService,
    MemberAssignments,
    MemberReadBaseline,
    ConversationFolders,
    ConversationAssignmentsMigration,
    GarageConversationsMigration,
    ConversationReader,
    ConversationRetention,
    ContactsService,
    MessagesGateway,
    TypingRelay,
  ],
  exports: [SendPipeline, MessagesService, ConversationRecorder, ConversationReader, ContactsService],
})
export class MessagesModule {}
