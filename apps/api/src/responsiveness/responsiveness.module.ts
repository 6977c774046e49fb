import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GaragesModule } from '../garages/garages.module';
import { OpeningHoursModule } from '../opening-hours/opening-hours.module';
import { UsersModule } from '../users/users.module';
import { GarageResponsiveness, GarageResponsivenessSchema } from './garage-responsiveness.schema';
import { ResponsivenessController } from './responsiveness.controller';
import { ResponsivenessService } from './responsiveness.service';
import { ResponsivenessStats } from './responsiveness-stats';
import { ReplyWatch } from './reply-watch';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: GarageResponsiveness.name, schema: GarageResponsivenessSchema }]),
    GaragesModule,
    OpeningHoursModule,
    UsersModule,
  ],
  controllers: [ResponsivenessController],
  providers: [ResponsivenessService, ResponsivenessStats, ReplyWatch],
  exports: [ResponsivenessStats, ReplyWatch],
})
export class ResponsivenessModule {}
