import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { ContactBlocks } from '../blocks/contact-blocks';
import { claimDue } from '../common/due-claims';
import { PeriodicTask } from '../common/periodic-task';
import { GaragesService } from '../garages/garages.service';
import { SendPipeline } from '../messages/send-pipeline';
import { bookingVehicle } from '../common/booked-vehicle';
import { VehicleReminderClaim } from './reminder-claim.schema';
import { reminderNoticeText } from './reminder-notice';
import { VehicleReminder } from './reminder.schema';

type StoredReminder = VehicleReminder & { _id: Types.ObjectId };

/** How often each process looks for reminders that are due. */
const POLL_INTERVAL_MS = 1_000;
const BATCH_SIZE = 20;
/** How long a claim holds a reminder: a process that dies while sending hands it over after this. */
const LEASE_MS = 60_000;

/**
 * Sends the reminders that are due, from every API process at once, as the e-mail digests are:
 * each due reminder is claimed by inserting a claim with a unique key (reminder and due time), so
 * exactly one process sends it; the schedule lives in the database, so a restart loses nothing.
 * Sending is writing its notice through the send pipeline (the thread, `new-message`, the unread
 * e-mail and the push follow, as for any message), idempotent by `reminder:<id>`: a process taking
 * over after a crash between the notice and its `sent` mark stores nothing twice.
 */
@Injectable()
export class ReminderDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderDispatcher.name);
  private readonly task = new PeriodicTask('reminders', POLL_INTERVAL_MS, () => this.dispatchDue(), this.logger);

  constructor(
    @InjectModel(VehicleReminder.name) private readonly reminders: Model<VehicleReminder>,
    @InjectModel(VehicleReminderClaim.name) private readonly claims: Model<VehicleReminderClaim>,
    private readonly pipeline: SendPipeline,
    private readonly garages: GaragesService,
    private readonly contactBlocks: ContactBlocks,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  private async dispatchDue(): Promise<void> {
    const due = await this.reminders
      .find({ status: 'scheduled', dueAt: { $lte: new Date() } })
      .sort({ dueAt: 1 })
      .limit(BATCH_SIZE)
      .lean<StoredReminder[]>()
      .exec();
    for (const reminder of due) {
      if (await this.claim(reminder)) await this.send(reminder);
    }
  }

  /** True when this process won the reminder at its current due time (see claimDue). */
  private async claim(reminder: StoredReminder): Promise<boolean> {
    const heldUntil = await claimDue({
      claims: this.claims,
      itemId: reminder._id.toHexString(),
      dueAt: reminder.dueAt,
      leaseMs: LEASE_MS,
      moveDue: async (to) =>
        (
          await this.reminders
            .updateOne({ _id: reminder._id, status: 'scheduled', dueAt: reminder.dueAt }, { $set: { dueAt: to } })
            .exec()
        ).modifiedCount === 1,
    });
    return heldUntil !== null;
  }

  /**
   * A failure leaves it claimed: it falls due again when the lease ends. A notice skips the send
   * pipeline's admission, so the block check is here: a reminder whose client and garage block each
   * other when it falls due is cancelled, never sent.
   */
  private async send(reminder: StoredReminder): Promise<void> {
    const id = reminder._id.toHexString();
    try {
      const garageId = reminder.garage.toHexString();
      if (!(await this.contactBlocks.isOpen({ clientId: reminder.client.toHexString(), garageId }))) {
        await this.finish(reminder, { status: 'cancelled' });
        return;
      }
      const garageName = (await this.garages.nameOf(garageId)) ?? 'Votre garage';
      await this.pipeline.sendEvent({
        kind: 'vehicle-reminder',
        senderId: reminder.createdBy.toHexString(),
        from: 'garage',
        senderName: reminder.createdByName,
        clientId: reminder.client.toHexString(),
        garageId,
        content: reminderNoticeText(garageName, bookingVehicle(reminder.vehicle), reminder.text),
        idempotencyKey: `reminder:${id}`,
        vehicleReminder: {
          reminderId: reminder._id,
          vehicle: reminder.vehicle,
          text: reminder.text,
          dueAt: reminder.remindAt,
        },
      });
      await this.finish(reminder, { status: 'sent', sentAt: new Date() });
    } catch (error) {
      this.logger.warn(`reminder ${id} not sent, tried again in ${LEASE_MS / 1000} s: ${(error as Error).message}`);
    }
  }

  private async finish(
    reminder: StoredReminder,
    outcome: { status: 'sent'; sentAt: Date } | { status: 'cancelled' },
  ): Promise<void> {
    await this.reminders.updateOne({ _id: reminder._id, status: 'scheduled' }, { $set: outcome }).exec();
  }
}
