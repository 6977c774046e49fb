import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module';
import { GaragesModule } from '../garages/garages.module';
import { MessagesModule } from '../messages/messages.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ReportsModule } from '../reports/reports.module';
import { UsersModule } from '../users/users.module';
import { AccountSuspensions } from './account-suspensions';
import { AdminAudit } from './admin-audit';
import { AdminAuditEntry, AdminAuditSchema } from './admin-audit.schema';
import { AdminController } from './admin.controller';
import { AdminReports } from './admin-reports';

/** Moderation by admins: the reports, the reported threads (read-only, audited), suspensions. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: AdminAuditEntry.name, schema: AdminAuditSchema }]),
    AuthModule,
    UsersModule,
    GaragesModule,
    MessagesModule,
    RealtimeModule,
    ReportsModule,
  ],
  controllers: [AdminController],
  providers: [AdminReports, AccountSuspensions, AdminAudit],
})
export class AdminModule {}
