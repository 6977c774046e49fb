import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BlocksModule } from '../blocks/blocks.module';
import { GaragesModule } from '../garages/garages.module';
import { UsersModule } from '../users/users.module';
import { Appointment, AppointmentSchema } from './appointment.schema';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsService } from './appointments.service';
import { OpeningHoursModule } from '../opening-hours/opening-hours.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { BookingSlotsController } from './booking-slots.controller';
import { VehiclesModule } from '../vehicles/vehicles.module';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: Appointment.name, schema: AppointmentSchema }]),
    GaragesModule,
    UsersModule,
    BlocksModule,
    RateLimitModule,
    OpeningHoursModule,
    VehiclesModule,
  ],
  controllers: [AppointmentsController, BookingSlotsController],
  providers: [AppointmentsService],
  exports: [AppointmentsService],
})
export class AppointmentsModule {}
