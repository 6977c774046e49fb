import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AppointmentsModule } from '../appointments/appointments.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuthModule } from '../auth/auth.module';
import { BlocksModule } from '../blocks/blocks.module';
import { KeysModule } from '../keys/keys.module';
import { MessagesModule } from '../messages/messages.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { TeamModule } from '../team/team.module';
import { RemindersModule } from '../reminders/reminders.module';
import { UsersModule } from '../users/users.module';
import { VehiclesModule } from '../vehicles/vehicles.module';
import { AccountDeletionService } from './account-deletion.service';
import { AccountEraser } from './account-eraser';
import { DataExportFiles } from './data-export-files';
import { DataExportLinks } from './data-export-links';
import { DataExportRetention } from './data-export-retention';
import { DataExportWriter } from './data-export-writer';
import { DataExportsService } from './data-exports.service';
import { PrivacyJobClaim, PrivacyJobClaimSchema } from './privacy-job-claim.schema';
import { PrivacyJobRunner } from './privacy-job-runner';
import { PrivacyJob, PrivacyJobSchema } from './privacy-job.schema';
import { PrivacyController } from './privacy.controller';

/**
 * A person's rights over their data: « Mes données » (a copy of everything held about them) and
 * deleting their account. Its
 * work runs as durable jobs (PrivacyJobRunner); it reads the other modules through their services.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PrivacyJob.name, schema: PrivacyJobSchema },
      { name: PrivacyJobClaim.name, schema: PrivacyJobClaimSchema },
    ]),
    AuthModule,
    BlocksModule,
    UsersModule,
    AppointmentsModule,
    MessagesModule,
    AttachmentsModule,
    NotificationsModule,
    KeysModule,
    RateLimitModule,
    RealtimeModule,
    TeamModule,
    VehiclesModule,
    RemindersModule,
  ],
  controllers: [PrivacyController],
  providers: [
    PrivacyJobRunner,
    AccountDeletionService,
    AccountEraser,
    DataExportWriter,
    DataExportFiles,
    DataExportLinks,
    DataExportRetention,
    DataExportsService,
  ],
})
export class PrivacyModule {}
