import { Injectable } from '@nestjs/common';
import type { GarageResponsivenessView } from '@promoto/shared-dto';
import { GaragesService } from '../garages/garages.service';
import { PERIOD_DAYS, dayOf, figuresOf } from './reply-days';
import { ResponsivenessStats } from './responsiveness-stats';

/** A garage's responsiveness figures, from its day counts: no message is read. */
@Injectable()
export class ResponsivenessService {
  constructor(
    private readonly garages: GaragesService,
    private readonly stats: ResponsivenessStats,
  ) {}

  async forGarage(garageId: string, now = new Date()): Promise<GarageResponsivenessView> {
    const garage = await this.garages.get(garageId);
    const slots = await this.stats.slotsOf(garage._id);
    const today = dayOf(now);
    return {
      garageId: garage.id,
      periodDays: PERIOD_DAYS,
      current: figuresOf(slots, today - PERIOD_DAYS + 1, today, today),
      previous: figuresOf(slots, today - 2 * PERIOD_DAYS + 1, today - PERIOD_DAYS, today),
      computedAt: now.toISOString(),
    };
  }
}
