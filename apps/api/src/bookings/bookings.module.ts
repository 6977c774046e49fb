import { Module } from '@nestjs/common';
import { AppointmentsController } from '../appointments/appointments.controller';
import { AppointmentsModule } from '../appointments/appointments.module';
import { MessagesModule } from '../messages/messages.module';
import { BookingsService } from './bookings.service';

/**
 * Bookings as people change them: the appointments routes, whose changes also write a notice
 * into the conversation. A module of its own because messages already depend on appointments.
 */
@Module({
  imports: [AppointmentsModule, MessagesModule],
  controllers: [AppointmentsController],
  providers: [BookingsService],
  exports: [BookingsService],
})
export class BookingsModule {}
