import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AdminModule } from '../admin/admin.module';
import { AppointmentsModule } from '../appointments/appointments.module';
import { AuthModule } from '../auth/auth.module';
import { BlocksModule } from '../blocks/blocks.module';
import { validateEnvironment } from '../config/environment';
import { DatabaseModule } from '../database/database.module';
import { EventsModule } from '../events/events.module';
import { GaragesModule } from '../garages/garages.module';
import { HealthModule } from '../health/health.module';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { MessagesModule } from '../messages/messages.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ObservabilityModule } from '../observability/observability.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { QuickRepliesModule } from '../quick-replies/quick-replies.module';
import { QuotesModule } from '../quotes/quotes.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ReportsModule } from '../reports/reports.module';
import { RedisModule } from '../redis/redis.module';
import { RemindersModule } from '../reminders/reminders.module';
import { ResponsivenessModule } from '../responsiveness/responsiveness.module';
import { SeedModule } from '../seed/seed.module';
import { TeamModule } from '../team/team.module';
import { UsersModule } from '../users/users.module';
import { VehiclesModule } from '../vehicles/vehicles.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      cache: true,
      validate: validateEnvironment,
    }),
    ObservabilityModule,
    EventsModule,
    DatabaseModule,
    RedisModule,
    RateLimitModule,
    RealtimeModule,
    LifecycleModule,
    AuthModule,
    UsersModule,
    GaragesModule,
    BlocksModule,
    AppointmentsModule,
    MessagesModule,
    NotificationsModule,
    QuickRepliesModule,
    VehiclesModule,
    QuotesModule,
    RemindersModule,
    ResponsivenessModule,
    TeamModule,
    PrivacyModule,
    ReportsModule,
    AdminModule,
    HealthModule,
    SeedModule,
  ],
})
export class AppModule {}
