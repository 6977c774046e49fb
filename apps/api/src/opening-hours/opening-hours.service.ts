import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { GARAGE_TIME_ZONE, LIMITS, type OpeningHoursRequest, type OpeningHoursView } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, forbidden } from '../common/app-exception';
import { NotifiedCache } from '../common/notified-cache';
import { GaragesService } from '../garages/garages.service';
import { ChatEvents } from '../realtime/chat-events';
import { wallClockAt } from './garage-clock';
import { OpeningHours } from './opening-hours.schema';
import { DEFAULT_SCHEDULE, scheduleProblems, type Schedule } from './opening-schedule';

/** A garage's hours as the rules read them; `custom` when its owner set them. */
export interface GarageSchedule {
  schedule: Schedule;
  custom: boolean;
}

/** Garages whose hours a replica keeps in memory: read on every booking and every client message to a garage. */
const SCHEDULE_CACHE_SIZE = 10_000;

/**
 * Garages' opening hours and closures: the owner writes them, bookings, the away notice and the
 * responsiveness figures read them. Each replica keeps them in memory until they change: the
 * replica that writes them tells the others, which forget theirs at once.
 */
@Injectable()
export class OpeningHoursService implements OnModuleInit {
  private readonly cache = new NotifiedCache<GarageSchedule>(SCHEDULE_CACHE_SIZE);

  constructor(
    @InjectModel(OpeningHours.name) private readonly hours: Model<OpeningHours>,
    private readonly garages: GaragesService,
    private readonly chat: ChatEvents,
  ) {}

  onModuleInit(): void {
    this.chat.onHoursChangedElsewhere((garageId) => this.cache.forget(garageId));
    this.chat.onRedisReconnected(() => this.cache.forgetAll());
  }

  /** The garage's hours, or the default ones when its owner set none. */
  scheduleOf(garageId: string | Types.ObjectId): Promise<GarageSchedule> {
    const key = garageId.toString();
    return this.cache.read(key, async () => {
      // By ObjectId: a string id is not cast by this schema's `_id` and matched no document.
      const stored = await this.hours.findById(new Types.ObjectId(key)).lean().exec();
      return stored
        ? { schedule: { weekly: stored.weekly, closures: stored.closures }, custom: true }
        : { schedule: DEFAULT_SCHEDULE, custom: false };
    });
  }

  async view(garageId: string): Promise<OpeningHoursView> {
    await this.garages.get(garageId);
    return OpeningHoursService.toView(garageId, await this.scheduleOf(garageId));
  }

  /** An owner of the garage replaces its hours and closures; closures already over are dropped. */
  async set(user: AuthUser, garageId: string, request: OpeningHoursRequest): Promise<OpeningHoursView> {
    const garage = await this.garages.get(garageId);
    if (user.garageId !== garageId || user.garageRole !== 'owner') {
      throw forbidden('Seul un responsable du garage peut modifier ses horaires.');
    }
    const problems = scheduleProblems(request);
    if (problems.length > 0) throw badRequest(problems[0], problems);
    const today = wallClockAt(new Date()).day;
    const schedule: Schedule = {
      weekly: request.weekly.map(({ day, opens, closes }) => ({ day, opens, closes })),
      closures: request.closures
        .filter((closure) => closure.to >= today)
        .map(({ from, to, label }) => ({ from, to, ...(label ? { label } : {}) })),
    };
    await this.hours.updateOne({ _id: garage._id }, { $set: schedule }, { upsert: true }).exec();
    const saved: GarageSchedule = { schedule, custom: true };
    this.cache.set(garageId, saved);
    this.chat.hoursChanged(garageId);
    return OpeningHoursService.toView(garageId, saved);
  }

  private static toView(garageId: string, { schedule, custom }: GarageSchedule): OpeningHoursView {
    const today = wallClockAt(new Date()).day;
    return {
      garageId,
      timeZone: GARAGE_TIME_ZONE,
      custom,
      weekly: [...schedule.weekly]
        .sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens))
        .map(({ day, opens, closes }) => ({ day, opens, closes })),
      closures: schedule.closures
        .filter((closure) => closure.to >= today)
        .sort((a, b) => a.from.localeCompare(b.from))
        .map(({ from, to, label }) => ({ from, to, ...(label ? { label } : {}) })),
      slotMinutes: LIMITS.bookingSlotMinutes,
    };
  }
}
