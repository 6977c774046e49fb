import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { RateLimit } from './rate-limit';

/** Caps how many bookings one client makes per hour, so that nobody can bury a garage's list. */
@Injectable()
export class BookingRateLimiter extends RateLimit {
  constructor(@Inject(ThrottlerStorage) storage: ThrottlerStorage, config: ConfigService<Environment, true>) {
    super(
      storage,
      'booking',
      3_600_000,
      config.get('THROTTLE_BOOKINGS_PER_HOUR', { infer: true }),
      (wait) => `Too many bookings: try again in ${Math.ceil(wait / 60)} min.`,
    );
  }
}
