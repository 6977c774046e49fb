import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MessagesModule } from '../messages/messages.module';
import { ReportRetention } from './report-retention';
import { Report, ReportSchema } from './report.schema';
import { ReportStatusMigration } from './report-status-migration';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Reports of messages and conversations (they read conversations through ConversationReader), and their purge once handled. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Report.name, schema: ReportSchema }]), MessagesModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportStatusMigration, ReportRetention],
  exports: [ReportsService],
})
export class ReportsModule {}
