import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  LIMITS,
  type AppointmentsQuery,
  type AppointmentStatus,
  type AppointmentView,
  type BookingEventAction,
  type CreateAppointmentRequest,
  type Page,
} from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, forbidden, notFound } from '../common/app-exception';
import { DomainEvents } from '../events/domain-events';
import { GaragesService } from '../garages/garages.service';
import { BookingChangeRateLimiter } from '../rate-limit/booking-change-rate-limiter';
import { BookingRateLimiter } from '../rate-limit/booking-rate-limiter';
import { UsersService } from '../users/users.service';
import { Appointment, AppointmentDocument } from './appointment.schema';
import { BookingChanged } from './booking-changed';

/** Above every id: the first page's upper bound, so that every page is the same `_id` range query. */
const TOP_ID = new Types.ObjectId('ffffffffffffffffffffffff');

/** The notice a status change writes; going back to pending writes none. */
const ACTIONS: Partial<Record<AppointmentStatus, BookingEventAction>> = {
  confirmed: 'confirmed',
  cancelled: 'cancelled',
  completed: 'completed',
};

/** A booking and what it tells about a booking to others: every change is published as BookingChanged. */
@Injectable()
export class AppointmentsService {
  constructor(
    @InjectModel(Appointment.name)
    private readonly appointments: Model<Appointment>,
    private readonly garages: GaragesService,
    private readonly users: UsersService,
    private readonly bookingLimit: BookingRateLimiter,
    private readonly events: DomainEvents,
    private readonly changeLimit: BookingChangeRateLimiter,
  ) {}

  async book(client: AuthUser, request: CreateAppointmentRequest): Promise<AppointmentView> {
    const scheduledAt = new Date(request.scheduledAt);
    if (scheduledAt.getTime() <= Date.now()) throw badRequest('scheduledAt must be in the future.');
    await this.bookingLimit.consume(client.id);
    const [garage, account] = await Promise.all([this.garages.get(request.garageId), this.users.profile(client.id)]);
    if (!account) throw notFound('This account no longer exists.');
    const appointment = await this.appointments.create({
      client: account._id,
      clientName: account.name,
      garage: garage._id,
      garageName: garage.name,
      garagiste: garage.owner,
      scheduledAt,
      service: request.service,
      ...(request.note ? { note: request.note } : {}),
    });
    return this.changed(AppointmentsService.toView(appointment), 'created', client);
  }

  /**
   * A client's bookings, or the bookings of a garagiste's garage, newest booking first, a page
   * at a time: an `_id` range on the `{ client | garage, _id }` index, never a skip.
   */
  async listFor(user: AuthUser, query: AppointmentsQuery): Promise<Page<AppointmentView>> {
    if (user.role === 'garagiste' && !user.garageId) return { items: [], nextCursor: null };
    const owner =
      user.role === 'client' ? { client: new Types.ObjectId(user.id) } : { garage: new Types.ObjectId(user.garageId) };
    const limit = query.limit ?? LIMITS.appointmentPageDefaultSize;
    const found = await this.appointments
      .find({ ...owner, _id: { $lt: query.cursor ? new Types.ObjectId(query.cursor) : TOP_ID } })
      .sort({ _id: -1 })
      .limit(limit + 1)
      .exec();
    const items = found.slice(0, limit).map(AppointmentsService.toView);
    return { items, nextCursor: found.length > limit ? (items.at(-1)?.id ?? null) : null };
  }

  /** The booking, if the user is its client or its garage's garagiste; 404 otherwise. */
  async getVisible(id: string, user: AuthUser): Promise<AppointmentDocument> {
    const appointment = await this.appointments.findById(id).exec();
    if (!appointment || !AppointmentsService.involves(appointment, user)) {
      throw notFound('No appointment of yours has this id.');
    }
    return appointment;
  }

  /** The booking after the change; a change to another status than pending is published. */
  async changeStatus(id: string, user: AuthUser, status: AppointmentStatus): Promise<AppointmentView> {
    const appointment = await this.getVisible(id, user);
    if (user.role === 'client' && status !== 'cancelled') {
      throw forbidden('A client may only cancel a booking; the garage confirms and completes it.');
    }
    this.assertOpen(appointment);
    await this.consumeChange(appointment);
    const previous = appointment.status;
    appointment.status = status;
    await appointment.save();
    const view = AppointmentsService.toView(appointment);
    const action = ACTIONS[status];
    return action && previous !== status ? this.changed(view, action, user) : view;
  }

  /** The garagiste moves a booking that is still pending or confirmed to another time in the future. */
  async reschedule(id: string, user: AuthUser, scheduledAt: Date): Promise<AppointmentView> {
    if (scheduledAt.getTime() <= Date.now()) throw badRequest('scheduledAt must be in the future.');
    const appointment = await this.getVisible(id, user);
    this.assertOpen(appointment);
    await this.consumeChange(appointment);
    appointment.scheduledAt = scheduledAt;
    await appointment.save();
    return this.changed(AppointmentsService.toView(appointment), 'moved', user);
  }

  /** A booking as served, whoever asks (for the modules that quote it, never for a route). */
  async find(id: Types.ObjectId): Promise<AppointmentView | null> {
    const appointment = await this.appointments.findById(id).exec();
    return appointment && AppointmentsService.toView(appointment);
  }

  /** True when the client has at least one booking with a garage that garagiste runs. */
  async haveBooking(clientId: string, garagisteId: string): Promise<boolean> {
    return (
      (await this.appointments.exists({
        client: clientId,
        garagiste: garagisteId,
      })) !== null
    );
  }

  /** The booking a message refers to must exist and be between exactly these two people. */
  async assertLinks(appointmentId: string, userA: string, userB: string): Promise<void> {
    const appointment = await this.appointments.findById(appointmentId).exec();
    const people = appointment ? [appointment.client.toHexString(), appointment.garagiste.toHexString()] : [];
    if (!appointment) throw notFound('No appointment has this id.');
    if (!(people.includes(userA) && people.includes(userB))) {
      throw forbidden('This appointment is not between you and this person.');
    }
  }

  /** Tells the other modules, and answers once they have done their part (the notice is written). */
  private async changed(
    view: AppointmentView,
    action: BookingEventAction,
    causedBy: AuthUser,
  ): Promise<AppointmentView> {
    await this.events.publish(new BookingChanged(view, action, causedBy));
    return view;
  }

  /** Counted once the change is known to be allowed, so that nobody else can spend a booking's changes. */
  private consumeChange(appointment: AppointmentDocument): Promise<void> {
    return this.changeLimit.consume(appointment.id as string, appointment.garage.toHexString());
  }

  private assertOpen(appointment: AppointmentDocument): void {
    if (appointment.status === 'cancelled' || appointment.status === 'completed') {
      throw badRequest(`This booking is ${appointment.status} and can no longer change.`);
    }
  }

  private static involves(appointment: AppointmentDocument, user: AuthUser): boolean {
    if (user.role === 'client') return appointment.client.equals(user.id);
    return user.garageId !== undefined && appointment.garage.equals(user.garageId);
  }

  static toView(appointment: AppointmentDocument): AppointmentView {
    return {
      id: appointment.id,
      clientId: appointment.client.toHexString(),
      clientName: appointment.clientName,
      garageId: appointment.garage.toHexString(),
      garageName: appointment.garageName,
      garagisteId: appointment.garagiste.toHexString(),
      scheduledAt: appointment.scheduledAt.toISOString(),
      service: appointment.service,
      ...(appointment.note ? { note: appointment.note } : {}),
      status: appointment.status,
      createdAt: appointment.createdAt.toISOString(),
    };
  }
}
