import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GaragesModule } from '../garages/garages.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { OpeningHoursController } from './opening-hours.controller';
import { OpeningHours, OpeningHoursSchema } from './opening-hours.schema';
import { OpeningHoursService } from './opening-hours.service';

/** Garages' opening hours: written by their owners, read by bookings, the away notice and the responsiveness figures. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: OpeningHours.name, schema: OpeningHoursSchema }]),
    GaragesModule,
    RealtimeModule,
  ],
  controllers: [OpeningHoursController],
  providers: [OpeningHoursService],
  exports: [OpeningHoursService],
})
export class OpeningHoursModule {}
