import { Injectable } from '@nestjs/common';
import type {
  AppointmentStatus,
  AppointmentView,
  BookingEventAction,
  CreateAppointmentRequest,
} from '@promoto/shared-dto';
import { AppointmentsService } from '../appointments/appointments.service';
import type { AuthUser } from '../auth/auth-user';
import { SendPipeline } from '../messages/send-pipeline';
import { bookingNoticeText } from './booking-notice';

/** The status a change leads to, and the notice it writes; going back to pending writes none. */
const ACTIONS: Partial<Record<AppointmentStatus, BookingEventAction>> = {
  confirmed: 'confirmed',
  cancelled: 'cancelled',
  completed: 'completed',
};

/**
 * A booking's changes, each followed by exactly one notice in the client↔garagiste conversation,
 * written on the message send path with the person who made the change as its sender.
 */
@Injectable()
export class BookingsService {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly pipeline: SendPipeline,
  ) {}

  async book(client: AuthUser, request: CreateAppointmentRequest): Promise<AppointmentView> {
    const appointment = await this.appointments.book(client, request);
    await this.notify(client, appointment, 'created');
    return appointment;
  }

  async changeStatus(id: string, user: AuthUser, status: AppointmentStatus): Promise<AppointmentView> {
    const { appointment, previous } = await this.appointments.changeStatus(id, user, status);
    const action = ACTIONS[status];
    if (action && previous !== status) await this.notify(user, appointment, action);
    return appointment;
  }

  async reschedule(id: string, user: AuthUser, scheduledAt: string): Promise<AppointmentView> {
    const appointment = await this.appointments.reschedule(id, user, new Date(scheduledAt));
    await this.notify(user, appointment, 'moved');
    return appointment;
  }

  private async notify(user: AuthUser, appointment: AppointmentView, action: BookingEventAction): Promise<void> {
    const scheduledAt = new Date(appointment.scheduledAt);
    await this.pipeline.sendEvent({
      senderId: user.id,
      recipientId: user.role === 'client' ? appointment.garagisteId : appointment.clientId,
      content: bookingNoticeText(action, scheduledAt, appointment.service),
      appointmentId: appointment.id,
      bookingEvent: {
        action,
        status: appointment.status,
        scheduledAt,
        service: appointment.service,
        garageName: appointment.garageName,
        causedByRole: user.role,
      },
    });
  }
}
