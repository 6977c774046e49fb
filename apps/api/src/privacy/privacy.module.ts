import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AppointmentsModule } from '../appointments/appointments.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuthModule } from '../auth/auth.module';
import { KeysModule } from '../keys/keys.module';
import { MessagesModule } from '../messages/messages.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
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
 * A person's rights over their data: « Mes données » (a copy of everything held about them). Its
 * work runs as durable jobs (PrivacyJobRunner); it reads the other modules through their services.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PrivacyJob.name, schema: PrivacyJobSchema },
      { name: PrivacyJobClaim.name, schema: PrivacyJobClaimSchema },
    ]),
    AuthModule,
    UsersModule,
    AppointmentsModule,
    MessagesModule,
    AttachmentsModule,
    NotificationsModule,
    KeysModule,
  ],
  controllers: [PrivacyController],
  providers: [
    PrivacyJobRunner,
    DataExportWriter,
    DataExportFiles,
    DataExportLinks,
    DataExportRetention,
    DataExportsService,
  ],
})
export class PrivacyModule {}
