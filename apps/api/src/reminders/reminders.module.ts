import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AppointmentsModule } from '../appointments/appointments.module';
import { BlocksModule } from '../blocks/blocks.module';
import { GaragesModule } from '../garages/garages.module';
import { MessagesModule } from '../messages/messages.module';
import { UsersModule } from '../users/users.module';
import { VehiclesModule } from '../vehicles/vehicles.module';
import { VehicleReminderClaim, VehicleReminderClaimSchema } from './reminder-claim.schema';
import { ReminderDispatcher } from './reminder-dispatcher';
import { VehicleReminder, VehicleReminderSchema } from './reminder.schema';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';

/**
 * Reminders a garage schedules on its clients' vehicles (`/api/reminders`), sent at their date as a
 * notice in the client's conversation by whichever process claims them first.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: VehicleReminder.name, schema: VehicleReminderSchema },
      { name: VehicleReminderClaim.name, schema: VehicleReminderClaimSchema },
    ]),
    VehiclesModule,
    AppointmentsModule,
    MessagesModule,
    BlocksModule,
    UsersModule,
    GaragesModule,
  ],
  controllers: [RemindersController],
  providers: [RemindersService, ReminderDispatcher],
  exports: [RemindersService],
})
export class RemindersModule {}
