import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GaragesModule } from '../garages/garages.module';
import { QuickRepliesController } from './quick-replies.controller';
import { QuickRepliesService } from './quick-replies.service';
import { QuickReplySet, QuickReplySetSchema } from './quick-reply.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: QuickReplySet.name, schema: QuickReplySetSchema }]), GaragesModule],
  controllers: [QuickRepliesController],
  providers: [QuickRepliesService],
})
export class QuickRepliesModule {}
