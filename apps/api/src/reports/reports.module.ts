import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MessagesModule } from '../messages/messages.module';
import { Report, ReportSchema } from './report.schema';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Reports of messages and conversations; they read conversations through ConversationReader. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Report.name, schema: ReportSchema }]), MessagesModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
