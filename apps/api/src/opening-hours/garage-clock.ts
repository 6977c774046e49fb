import { GARAGE_TIME_ZONE, type Weekday } from '@promoto/shared-dto';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A moment as the garage's clock shows it. */
export interface WallClock {
  /** `YYYY-MM-DD` */
  day: string;
  weekday: Weekday;
  /** Minutes since the day's midnight. */
  minutes: number;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: GARAGE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock time at `instant`, read as if it were UTC (the difference is the zone's offset). */
function wallAsUtc(instant: number): number {
  const field = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.formatToParts(instant).find((part) => part.type === type)?.value ?? 0);
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
}

/** The day and time the garage's clock shows at `instant`. */
export function wallClockAt(instant: Date): WallClock {
  const wall = wallAsUtc(instant.getTime());
  const date = new Date(wall);
  const weekday = (((date.getUTCDay() + 6) % 7) + 1) as Weekday;
  return {
    day: date.toISOString().slice(0, 10),
    weekday,
    minutes: date.getUTCHours() * 60 + date.getUTCMinutes(),
  };
}

/** The instant the garage's clock shows `minutes` after midnight on `day` (`YYYY-MM-DD`). */
export function instantAt(day: string, minutes: number): Date {
  const asUtc = Date.parse(`${day}T00:00:00Z`) + minutes * MINUTE_MS;
  // The zone's offset at a first guess, then at the instant it gives: right on both sides of a change of time.
  const guess = asUtc - (wallAsUtc(asUtc) - asUtc);
  return new Date(asUtc - (wallAsUtc(guess) - guess));
}

/** `YYYY-MM-DD` plus `days` days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The weekday of `YYYY-MM-DD`, 1 (Monday) to 7 (Sunday). */
export function weekdayOf(day: string): Weekday {
  return (((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) as Weekday;
}

/** True when `YYYY-MM-DD` names a day that exists (not the 31st of April). */
export function isRealDay(day: string): boolean {
  const parsed = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === day;
}

/** `08:30` → 510. */
export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
