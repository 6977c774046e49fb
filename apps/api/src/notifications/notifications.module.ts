import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AppointmentsModule } from '../appointments/appointments.module';
import { MessagesModule } from '../messages/messages.module';
import { UsersModule } from '../users/users.module';
import { EmailDispatcher } from './email-dispatcher';
import { Mailer } from './mailer';
import { NotificationEmailClaim, NotificationEmailClaimSchema } from './notification-email-claim.schema';
import { NotificationEmail, NotificationEmailSchema } from './notification-email.schema';
import { NotificationPreference, NotificationPreferenceSchema } from './notification-preference.schema';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationRetention } from './notification-retention';
import { NotificationScheduler } from './notification-scheduler';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { PersonalNotificationData } from './personal-notification-data';
import { PushEndpointGuard } from './push-endpoint-guard';
import { PushSender } from './push-sender';
import { PushSubscriptionRecord, PushSubscriptionSchema } from './push-subscription.schema';
import { UnreadEmailBuilder } from './unread-email-builder';
import { ObservabilityModule } from '../observability/observability.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { KeysModule } from '../keys/keys.module';

/**
 * Reaching people who are not looking (e-mail about messages left unread, Web Push): it listens
 * to what the messaging side records and reads (NotificationScheduler); everything else
 * (schedule, claims, sending, subscriptions, preferences) lives here.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: NotificationEmail.name, schema: NotificationEmailSchema },
      { name: NotificationEmailClaim.name, schema: NotificationEmailClaimSchema },
      { name: NotificationPreference.name, schema: NotificationPreferenceSchema },
      { name: PushSubscriptionRecord.name, schema: PushSubscriptionSchema },
    ]),
    // Their read interfaces: the e-mail reads what it quotes at sending time.
    UsersModule,
    MessagesModule,
    AppointmentsModule,
    RealtimeModule,
    KeysModule,
    ObservabilityModule,
  ],
  controllers: [NotificationsController],
  providers: [
    Mailer,
    NotificationPreferencesService,
    NotificationScheduler,
    UnreadEmailBuilder,
    EmailDispatcher,
    PushEndpointGuard,
    PushSender,
    NotificationsService,
    NotificationRetention,
    PersonalNotificationData,
  ],
  exports: [Mailer, PersonalNotificationData],
})
export class NotificationsModule {}
