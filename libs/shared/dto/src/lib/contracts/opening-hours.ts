import type { IsoDate } from './views';

/** The time zone every opening hour, closure and slot is written in: bookings are made in France. */
export const GARAGE_TIME_ZONE = 'Europe/Paris';

/** Days of the week as ISO 8601 numbers them: 1 is Monday, 7 is Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One stretch of a day when the garage is open, in its time zone: `opens` before `closes`, `HH:MM`. */
export interface OpeningPeriod {
  day: Weekday;
  /** `08:00` */
  opens: string;
  /** `12:30`; `24:00` is midnight at the end of the day. */
  closes: string;
}

/** Whole days the garage is closed (holidays, a training day), from and to included, `YYYY-MM-DD`. */
export interface Closure {
  from: string;
  to: string;
  /** Shown to clients: « Congés d'hiver ». */
  label?: string;
}

/** PUT /api/garages/:id/opening-hours: the owner's weekly hours and closures, replacing the previous ones. */
export interface OpeningHoursRequest {
  weekly: OpeningPeriod[];
  closures: Closure[];
}

/**
 * A garage's opening hours. Until its owner sets them (`custom: false`) they are Monday to Saturday,
 * 8 h to 19 h, which bookings follow; the away notice and the responsiveness figures follow only hours
 * the owner set.
 */
export interface OpeningHoursView {
  garageId: string;
  /** Always GARAGE_TIME_ZONE. */
  timeZone: string;
  /** False while the garage uses the default hours. */
  custom: boolean;
  /** By day, then by opening time. */
  weekly: OpeningPeriod[];
  /** Closures not over yet, by first day. */
  closures: Closure[];
  /** How long one booking holds the garage, in minutes. */
  slotMinutes: number;
}

/** GET /api/garages/:id/slots: free booking slots from `from` (a day, `YYYY-MM-DD`) for `days` days. */
export interface FreeSlotsQuery {
  /** Today when absent. */
  from?: string;
  /** 7 when absent, at most LIMITS.slotQueryMaxDays. */
  days?: number;
}

/** The times a booking can start at, free and in the future, in order. */
export interface FreeSlotsView {
  garageId: string;
  slotMinutes: number;
  /** The first day asked for and the day after the last, `YYYY-MM-DD`, in the garage's time zone. */
  from: string;
  to: string;
  slots: IsoDate[];
}

/**
 * The payload of an `away-notice` message: the automatic answer a client gets, once per closed period,
 * when writing to a garage outside the hours its owner set.
 */
export interface AwayNoticePayload {
  /** When the garage opens again; absent when no opening is known within a year. */
  reopensAt?: IsoDate;
}
