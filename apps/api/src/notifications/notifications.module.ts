import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Appointment, AppointmentSchema } from '../appointments/appointment.schema';
import { Conversation, ConversationSchema } from '../messages/conversation.schema';
import { Message, MessageSchema } from '../messages/message.schema';
import { User, UserSchema } from '../users/user.schema';
import { EmailDispatcher } from './email-dispatcher';
import { Mailer } from './mailer';
import { NotificationEmailClaim, NotificationEmailClaimSchema } from './notification-email-claim.schema';
import { NotificationEmail, NotificationEmailSchema } from './notification-email.schema';
import { NotificationPreference, NotificationPreferenceSchema } from './notification-preference.schema';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationScheduler } from './notification-scheduler';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { PushSender } from './push-sender';
import { PushSubscriptionRecord, PushSubscriptionSchema } from './push-subscription.schema';
import { UnreadEmailBuilder } from './unread-email-builder';
import { ObservabilityModule } from '../observability/observability.module';
import { RealtimeModule } from '../realtime/realtime.module';

/**
 * Reaching people who are not looking (e-mail about messages left unread, Web Push): the
 * messaging side tells NotificationScheduler what was recorded and read; everything else
 * (schedule, claims, sending, subscriptions, preferences) lives here.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: NotificationEmail.name, schema: NotificationEmailSchema },
      { name: NotificationEmailClaim.name, schema: NotificationEmailClaimSchema },
      { name: NotificationPreference.name, schema: NotificationPreferenceSchema },
      { name: PushSubscriptionRecord.name, schema: PushSubscriptionSchema },
      // The same schemas as their own modules: the e-mail reads what it quotes at sending time.
      { name: User.name, schema: UserSchema },
      { name: Conversation.name, schema: ConversationSchema },
      { name: Message.name, schema: MessageSchema },
      { name: Appointment.name, schema: AppointmentSchema },
    ]),
    RealtimeModule,
    ObservabilityModule,
  ],
  controllers: [NotificationsController],
  providers: [
    Mailer,
    NotificationPreferencesService,
    NotificationScheduler,
    UnreadEmailBuilder,
    EmailDispatcher,
    PushSender,
    NotificationsService,
  ],
  exports: [NotificationScheduler],
})
export class NotificationsModule {}
