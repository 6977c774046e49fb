import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  ERROR_CODES,
  LIMITS,
  type AppointmentsQuery,
  type ApprovedQuoteAmount,
  type AppointmentStatus,
  type AppointmentView,
  type BookingEventAction,
  type CreateAppointmentRequest,
  type FreeSlotsQuery,
  type FreeSlotsView,
  type Page,
} from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { ContactBlocks } from '../blocks/contact-blocks';
import { AppException, badRequest, conflict, forbidden, notFound } from '../common/app-exception';
import { bookedVehicle, bookingVehicle } from '../common/booked-vehicle';
import { isDuplicateKey } from '../database/mongo-errors';
import { DomainEvents } from '../events/domain-events';
import { GaragesService } from '../garages/garages.service';
import { addDays, instantAt, wallClockAt } from '../opening-hours/garage-clock';
import { OpeningHoursService } from '../opening-hours/opening-hours.service';
import { freeSlots, slotRefusal } from '../opening-hours/opening-schedule';
import { BookingChangeRateLimiter } from '../rate-limit/booking-change-rate-limiter';
import { BookingRateLimiter } from '../rate-limit/booking-rate-limiter';
import { UsersService } from '../users/users.service';
import { VehiclesService } from '../vehicles/vehicles.service';
import { Appointment, AppointmentDocument } from './appointment.schema';
import { BookingChanged } from './booking-changed';

/** The key of a garage's slot starting at `at`: unique among the bookings that hold one. */
const slotKeyOf = (garage: Types.ObjectId, at: Date) => `${garage.toHexString()}:${at.toISOString()}`;

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
    private readonly openingHours: OpeningHoursService,
    private readonly vehicles: VehiclesService,
    private readonly contactBlocks: ContactBlocks,
  ) {}

  async book(client: AuthUser, request: CreateAppointmentRequest): Promise<AppointmentView> {
    const scheduledAt = new Date(request.scheduledAt);
    if (scheduledAt.getTime() <= Date.now()) throw badRequest('scheduledAt must be in the future.');
    await this.bookingLimit.consume(client.id);
    const [garage, account, vehicle] = await Promise.all([
      this.garages.get(request.garageId),
      this.users.profile(client.id),
      request.vehicleId ? this.vehicles.forBooking(client.id, request.vehicleId) : undefined,
    ]);
    if (!account) throw notFound('This account no longer exists.');
    await this.contactBlocks.assertOpen(
      { clientId: client.id, garageId: garage._id.toHexString() },
      'client',
      'booking',
    );
    await this.assertSlot(garage._id, scheduledAt);
    const slotKey = slotKeyOf(garage._id, scheduledAt);
    const appointment = await this.holdingSlot(slotKey, account._id, () =>
      this.appointments.create({
        client: account._id,
        clientName: account.name,
        garage: garage._id,
        garageName: garage.name,
        garagiste: garage.owner,
        scheduledAt,
        service: request.service,
        ...(request.note ? { note: request.note } : {}),
        ...(vehicle ? { vehicle: bookedVehicle(vehicle) } : {}),
        slotKey,
      }),
    );
    return this.changed(AppointmentsService.toView(appointment), 'created', client);
  }

  /**
   * The garage's free slots for `days` days from `from` (today when absent), in the garage's time
   * zone: its opening hours (8 h–19 h Monday to Saturday when its owner set none) cut into
   * LIMITS.bookingSlotMinutes, after now, without the ones a booking holds.
   */
  async freeSlots(garageId: string, query: FreeSlotsQuery): Promise<FreeSlotsView> {
    const garage = await this.garages.get(garageId);
    const from = query.from ?? wallClockAt(new Date()).day;
    const days = query.days ?? 7;
    const to = addDays(from, days);
    const [{ schedule }, held] = await Promise.all([
      this.openingHours.scheduleOf(garage._id),
      this.appointments
        .find(
          {
            slotKey: {
              $gte: slotKeyOf(garage._id, instantAt(from, 0)),
              $lt: slotKeyOf(garage._id, instantAt(to, 0)),
            },
          },
          { scheduledAt: 1 },
        )
        .lean()
        .exec(),
    ]);
    const taken = new Set(held.map((booking) => booking.scheduledAt.getTime()));
    const slots = freeSlots(schedule, { from, days }, LIMITS.bookingSlotMinutes, new Date(), taken);
    return {
      garageId,
      slotMinutes: LIMITS.bookingSlotMinutes,
      from,
      to,
      slots: slots.map((slot) => slot.toISOString()),
    };
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

  /**
   * The booking after the change; a change to another status than pending is published, with the
   * reason when one is given. A cancelled booking gives its slot back.
   */
  async changeStatus(id: string, user: AuthUser, status: AppointmentStatus, reason?: string): Promise<AppointmentView> {
    const appointment = await this.getVisible(id, user);
    if (user.role === 'client' && status !== 'cancelled') {
      throw forbidden('A client may only cancel a booking; the garage confirms and completes it.');
    }
    this.assertOpen(appointment);
    // Either side may still cancel a booking made before a block; nothing else goes on.
    if (status !== 'cancelled') await this.assertReachable(appointment, user);
    await this.consumeChange(appointment);
    const previous = appointment.status;
    appointment.status = status;
    if (status === 'cancelled') appointment.slotKey = undefined;
    await appointment.save();
    const view = AppointmentsService.toView(appointment);
    const action = ACTIONS[status];
    return action && previous !== status ? this.changed(view, action, user, reason) : view;
  }

  /**
   * Moves a booking that is still pending or confirmed to another free slot of the garage, in the
   * future; the garagiste or the client may. Moved by the client, a confirmed booking waits for the
   * garage's confirmation again.
   */
  async reschedule(id: string, user: AuthUser, scheduledAt: Date): Promise<AppointmentView> {
    if (scheduledAt.getTime() <= Date.now()) throw badRequest('scheduledAt must be in the future.');
    const appointment = await this.getVisible(id, user);
    this.assertOpen(appointment);
    if (appointment.scheduledAt.getTime() === scheduledAt.getTime()) {
      throw badRequest('Le rendez-vous est déjà à ce créneau.');
    }
    await this.assertReachable(appointment, user);
    await this.assertSlot(appointment.garage, scheduledAt);
    await this.consumeChange(appointment);
    appointment.scheduledAt = scheduledAt;
    appointment.slotKey = slotKeyOf(appointment.garage, scheduledAt);
    if (user.role === 'client') appointment.status = 'pending';
    await this.holdingSlot(appointment.slotKey, appointment.client, () => appointment.save());
    return this.changed(AppointmentsService.toView(appointment), 'moved', user);
  }

  /** A booking as served, whoever asks (for the modules that quote it, never for a route). */
  async find(id: Types.ObjectId): Promise<AppointmentView | null> {
    const appointment = await this.appointments.findById(id).exec();
    return appointment && AppointmentsService.toView(appointment);
  }

  /**
   * Records what the client approved on a quote of the booking: a later version's answer replaces
   * an earlier one's, never the reverse, whatever order two replicas write them in.
   */
  async recordApprovedQuote(appointmentId: string, amount: ApprovedQuoteAmount): Promise<void> {
    await this.appointments
      .updateOne(
        {
          _id: appointmentId,
          $or: [{ approvedQuote: { $exists: false } }, { 'approvedQuote.version': { $lte: amount.version } }],
        },
        { $set: { approvedQuote: amount } },
      )
      .exec();
  }

  /** True when the client has at least one booking with the garage. */
  async haveBooking(clientId: string, garageId: string): Promise<boolean> {
    return (
      (await this.appointments.exists({
        client: clientId,
        garage: garageId,
      })) !== null
    );
  }

  /** True when the client booked the garage with this vehicle: what lets the garage write about the vehicle. */
  async haveBookingWithVehicle(clientId: string, garageId: string, vehicleId: string): Promise<boolean> {
    return (
      (await this.appointments.exists({
        client: clientId,
        garage: garageId,
        'vehicle.vehicleId': vehicleId,
      })) !== null
    );
  }

  /** The booking a message refers to must exist and be between exactly this client and this garage. */
  async assertLinks(appointmentId: string, clientId: string, garageId: string): Promise<void> {
    const appointment = await this.appointments.findById(appointmentId).exec();
    if (!appointment) throw notFound('No appointment has this id.');
    if (!(appointment.client.equals(clientId) && appointment.garage.equals(garageId))) {
      throw forbidden('This appointment is not between you and this person.');
    }
  }

  /** Tells the other modules, and answers once they have done their part (the notice is written). */
  private async changed(
    view: AppointmentView,
    action: BookingEventAction,
    causedBy: AuthUser,
    reason?: string,
  ): Promise<AppointmentView> {
    await this.events.publish(new BookingChanged(view, action, causedBy, reason));
    return view;
  }

  /** A booking starts at one of the garage's slots: 400 OUTSIDE_OPENING_HOURS with the reason in French otherwise. */
  private async assertSlot(garage: Types.ObjectId, at: Date): Promise<void> {
    const { schedule } = await this.openingHours.scheduleOf(garage);
    const refusal = slotRefusal(schedule, at, LIMITS.bookingSlotMinutes);
    if (refusal) throw new AppException(HttpStatus.BAD_REQUEST, ERROR_CODES.OUTSIDE_OPENING_HOURS, refusal);
  }

  /**
   * Writes a booking that takes the slot `slotKey`; when another booking holds it (the unique index
   * decides, whatever replica wrote first), 409: DUPLICATE_BOOKING when that one is the same client's,
   * SLOT_TAKEN otherwise.
   */
  private async holdingSlot<T>(slotKey: string, client: Types.ObjectId, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const holder = await this.appointments.findOne({ slotKey }, { client: 1 }).lean().exec();
      if (holder?.client.equals(client)) {
        throw conflict(
          ERROR_CODES.DUPLICATE_BOOKING,
          'Vous avez déjà un rendez-vous à ce créneau dans ce garage : retrouvez-le dans « Mes rendez-vous ».',
        );
      }
      throw conflict(ERROR_CODES.SLOT_TAKEN, 'Ce créneau vient d’être pris : choisissez-en un autre.');
    }
  }

  /** 403 CONTACT_UNAVAILABLE while the booking's client and garage block each other. */
  private assertReachable(appointment: AppointmentDocument, user: AuthUser): Promise<void> {
    return this.contactBlocks.assertOpen(
      { clientId: appointment.client.toHexString(), garageId: appointment.garage.toHexString() },
      user.role === 'client' ? 'client' : 'garage',
      'booking',
    );
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
      ...(appointment.vehicle ? { vehicle: bookingVehicle(appointment.vehicle) } : {}),
      status: appointment.status,
      createdAt: appointment.createdAt.toISOString(),
      ...(appointment.approvedQuote ? { approvedQuote: appointment.approvedQuote } : {}),
    };
  }
}
