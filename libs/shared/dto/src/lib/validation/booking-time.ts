import { ValidateBy, isISO8601, type ValidationOptions } from 'class-validator';
import { LIMITS } from '../limits';

/** A date and time with its zone: `Z` or an offset such as `+01:00`; a time without one means nothing on its own. */
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a valid ISO 8601 date and time with its zone, at most `maxDaysAhead` days from now. */
export function isZonedTimeWithin(value: unknown, maxDaysAhead: number, now = Date.now()): boolean {
  return (
    typeof value === 'string' &&
    ZONED_DATE_TIME.test(value) &&
    isISO8601(value, { strict: true }) &&
    Date.parse(value) <= now + maxDaysAhead * DAY_MS
  );
}

/** True for a valid ISO 8601 date and time with its zone, at most LIMITS.bookingMaxDaysAhead days from now. */
export function isBookingTime(value: unknown, now = Date.now()): boolean {
  return isZonedTimeWithin(value, LIMITS.bookingMaxDaysAhead, now);
}

/**
 * A booking's time: an ISO 8601 date and time with its zone (`2026-12-10T09:00:00Z`,
 * `2026-12-10T10:00:00+01:00`), no more than LIMITS.bookingMaxDaysAhead days ahead. Whether it is
 * in the future is the service's check, with the server's clock.
 */
export const IsBookingTime = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isBookingTime',
      validator: {
        validate: (value) => isBookingTime(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'the value'} must be an ISO 8601 date and time with its zone (Z or +hh:mm), at most ${LIMITS.bookingMaxDaysAhead} days ahead`,
      },
    },
    options,
  );
