import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BookingChanged } from '../appointments/booking-changed';
import { bookedVehicle } from '../common/booked-vehicle';
import { DomainEvents } from '../events/domain-events';
import { UsersService } from '../users/users.service';
import { bookingNoticeText } from './booking-notice';
import { SendPipeline } from './send-pipeline';

/**
 * Each booking change becomes exactly one notice in the client's conversation with the garage,
 * written on the message send path with the person who made the change as its sender.
 */
@Injectable()
export class BookingNotices implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly pipeline: SendPipeline,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.events.on(BookingChanged, (change) => this.write(change));
  }

  private async write({ appointment, action, causedBy, reason }: BookingChanged): Promise<void> {
    const scheduledAt = new Date(appointment.scheduledAt);
    const member = causedBy.role === 'client' ? null : await this.users.profile(causedBy.id);
    await this.pipeline.sendEvent({
      kind: 'booking-event',
      senderId: causedBy.id,
      from: causedBy.role === 'client' ? 'client' : 'garage',
      clientId: appointment.clientId,
      garageId: appointment.garageId,
      ...(member ? { senderName: member.name } : {}),
      content: bookingNoticeText(action, scheduledAt, appointment.service, reason, appointment.vehicle),
      appointmentId: appointment.id,
      bookingEvent: {
        action,
        status: appointment.status,
        scheduledAt,
        service: appointment.service,
        garageName: appointment.garageName,
        causedByRole: causedBy.role === 'client' ? 'client' : 'garagiste',
        ...(reason ? { reason } : {}),
        ...(appointment.vehicle ? { vehicle: bookedVehicle(appointment.vehicle) } : {}),
      },
    });
  }
}
