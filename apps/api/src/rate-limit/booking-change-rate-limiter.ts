import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { RateLimit } from './rate-limit';

const HOUR_MS = 3_600_000;

/**
 * Caps the changes to bookings (status, time), each of which writes a notice into the thread that
 * counts unread: per booking, so that nobody floods one client with notices, and per garage, so
 * that a garage's account cannot flood all its clients at once.
 */
@Injectable()
export class BookingChangeRateLimiter {
  private readonly perBooking: RateLimit;
  private readonly perGarage: RateLimit;

  constructor(@Inject(ThrottlerStorage) storage: ThrottlerStorage, config: ConfigService<Environment, true>) {
    this.perBooking = new RateLimit(
      storage,
      'booking-change',
      HOUR_MS,
      config.get('THROTTLE_BOOKING_CHANGES_PER_BOOKING_PER_HOUR', { infer: true }),
      (wait) => `Too many changes to this booking: try again in ${Math.ceil(wait / 60)} min.`,
    );
    this.perGarage = new RateLimit(
      storage,
      'garage-booking-change',
      HOUR_MS,
      config.get('THROTTLE_BOOKING_CHANGES_PER_GARAGE_PER_HOUR', { infer: true }),
      (wait) => `Too many booking changes at this garage: try again in ${Math.ceil(wait / 60)} min.`,
    );
  }

  /** A change refused for its booking does not count against its garage. */
  async consume(bookingId: string, garageId: string): Promise<void> {
    await this.perBooking.consume(bookingId);
    await this.perGarage.consume(garageId);
  }
}
