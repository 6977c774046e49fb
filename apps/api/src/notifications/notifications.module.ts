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
import { UnreadEmailBuilder } from './unread-email-builder';

/**
 * E-mail about messages left unread: the messaging side tells NotificationScheduler what was
 * recorded and read; everything else (schedule, claims, sending, preferences) lives here.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: NotificationEmail.name, schema: NotificationEmailSchema },
      { name: NotificationEmailClaim.name, schema: NotificationEmailClaimSchema },
      { name: NotificationPreference.name, schema: NotificationPreferenceSchema },
      // The same schemas as their own modules: the e-mail reads what it quotes at sending time.
      { name: User.name, schema: UserSchema },
      { name: Conversation.name, schema: ConversationSchema },
      { name: Message.name, schema: MessageSchema },
      { name: Appointment.name, schema: AppointmentSchema },
    ]),
  ],
  controllers: [NotificationsController],
  providers: [
    Mailer,
    NotificationPreferencesService,
    NotificationScheduler,
    UnreadEmailBuilder,
    EmailDispatcher,
    NotificationsService,
  ],
  exports: [NotificationScheduler],
})
export class NotificationsModule {}
