import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ERROR_CODES, REMINDER_LIMITS, type CreateReminderRequest, type ReminderView } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { AppointmentsService } from '../appointments/appointments.service';
import type { AuthUser } from '../auth/auth-user';
import { ContactBlocks } from '../blocks/contact-blocks';
import { badRequest, conflict, forbidden, notFound } from '../common/app-exception';
import { UsersService } from '../users/users.service';
import { bookedVehicle, bookingVehicle } from '../common/booked-vehicle';
import { VehiclesService } from '../vehicles/vehicles.service';
import { VehicleReminder, type VehicleReminderDocument } from './reminder.schema';

/**
 * A garage's reminders on its clients' vehicles: a member schedules one on a vehicle a client booked
 * the garage with (a conversation alone does not show the garage the client's vehicles), lists the garage's upcoming ones and cancels
 * them. ReminderDispatcher sends them at their date.
 */
@Injectable()
export class RemindersService {
  constructor(
    @InjectModel(VehicleReminder.name) private readonly reminders: Model<VehicleReminder>,
    private readonly vehicles: VehiclesService,
    private readonly appointments: AppointmentsService,
    private readonly users: UsersService,
    private readonly contactBlocks: ContactBlocks,
  ) {}

  async schedule(member: AuthUser, request: CreateReminderRequest): Promise<ReminderView> {
    const garageId = RemindersService.garageOf(member);
    const remindAt = new Date(request.dueAt);
    if (remindAt.getTime() <= Date.now()) throw badRequest('dueAt must be in the future.');
    // A vehicle no booking with the garage names answers as one that does not exist.
    const found = await this.vehicles.withOwner(request.vehicleId);
    if (!found || !(await this.appointments.haveBookingWithVehicle(found.ownerId, garageId, request.vehicleId))) {
      throw notFound('No vehicle of a client of your garage has this id.');
    }
    // A reminder is a message to the client: not while either side blocks the other.
    await this.contactBlocks.assertOpen({ clientId: found.ownerId, garageId }, 'garage', 'message');
    const garage = new Types.ObjectId(garageId);
    const scheduled = await this.reminders.countDocuments({ garage, status: 'scheduled' }).exec();
    if (scheduled >= REMINDER_LIMITS.maxScheduledPerGarage) {
      throw conflict(
        ERROR_CODES.CONFLICT,
        `Un garage garde ${REMINDER_LIMITS.maxScheduledPerGarage} rappels à venir au plus : annulez-en un.`,
      );
    }
    const [client, author] = await Promise.all([this.users.profile(found.ownerId), this.users.profile(member.id)]);
    if (!client || !author) throw notFound('No vehicle of a client of your garage has this id.');
    const reminder = await this.reminders.create({
      garage,
      client: client._id,
      clientName: client.name,
      vehicle: bookedVehicle(found.vehicle),
      text: request.text,
      remindAt,
      dueAt: remindAt,
      status: 'scheduled',
      createdBy: author._id,
      createdByName: author.name,
    });
    return RemindersService.toView(reminder);
  }

  /** The garage's reminders still to come, soonest first. */
  async upcoming(member: AuthUser): Promise<ReminderView[]> {
    const found = await this.reminders
      .find({ garage: new Types.ObjectId(RemindersService.garageOf(member)), status: 'scheduled' })
      .sort({ remindAt: 1, _id: 1 })
      .limit(REMINDER_LIMITS.maxScheduledPerGarage)
      .exec();
    return found.map(RemindersService.toView);
  }

  /** Any member of the garage may cancel a reminder still to come; 409 once it was sent. */
  async cancel(member: AuthUser, id: string): Promise<void> {
    const garage = new Types.ObjectId(RemindersService.garageOf(member));
    const { modifiedCount } = await this.reminders
      .updateOne({ _id: new Types.ObjectId(id), garage, status: 'scheduled' }, { $set: { status: 'cancelled' } })
      .exec();
    if (modifiedCount === 1) return;
    const reminder = await this.reminders
      .findOne({ _id: new Types.ObjectId(id), garage }, { status: 1 })
      .lean()
      .exec();
    if (!reminder) throw notFound('Your garage has no reminder with this id.');
    if (reminder.status === 'sent') {
      throw conflict(ERROR_CODES.CONFLICT, 'Ce rappel a déjà été envoyé au client.');
    }
  }

  /** The reminders about a client, for their copy of their data. */
  async aboutClient(clientId: string): Promise<ReminderView[]> {
    const found = await this.reminders
      .find({ client: new Types.ObjectId(clientId) })
      .sort({ remindAt: 1, _id: 1 })
      .exec();
    return found.map(RemindersService.toView);
  }

  /** Every reminder about a client whose account is being erased. */
  async eraseAboutClient(clientId: string): Promise<void> {
    await this.reminders.deleteMany({ client: new Types.ObjectId(clientId) }).exec();
  }

  private static garageOf(member: AuthUser): string {
    if (!member.garageId) throw forbidden('Only a member of a garage schedules reminders.');
    return member.garageId;
  }

  static toView(reminder: VehicleReminderDocument): ReminderView {
    return {
      id: reminder.id as string,
      garageId: reminder.garage.toHexString(),
      clientId: reminder.client.toHexString(),
      clientName: reminder.clientName,
      vehicle: bookingVehicle(reminder.vehicle),
      text: reminder.text,
      dueAt: reminder.remindAt.toISOString(),
      status: reminder.status,
      createdById: reminder.createdBy.toHexString(),
      createdByName: reminder.createdByName,
      createdAt: reminder.createdAt.toISOString(),
    };
  }
}
