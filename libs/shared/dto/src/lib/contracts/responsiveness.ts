import type { IsoDate } from './views';

/**
 * The brackets a reply time is counted in, as their upper bounds in minutes: a reply after 42
 * minutes counts in (30, 60]. A reply slower than the last bound counts in the open bracket after it.
 */
export const REPLY_TIME_BRACKETS_MINUTES = [5, 15, 30, 60, 180, 360, 720, 1440, 2880, 4320, 10080] as const;

/** A reply time bracket: more than `afterMinutes`, at most `atMostMinutes` (null for the open, last one). */
export interface ReplyTimeBracket {
  afterMinutes: number;
  atMostMinutes: number | null;
}

/**
 * How a garage answered its clients' requests made during a period. A request is a client's
 * message when nothing the client wrote is waiting for an answer; the garagiste's next message
 * (text or attachment, not a booking notice) answers it.
 */
export interface ResponsivenessFigures {
  /** Requests made during the period. */
  requests: number;
  /** Of those, the ones answered, whenever that was. */
  answered: number;
  /** Of those, the ones answered within 24 hours. */
  answeredWithin24h: number;
  /**
   * Requests whose 24-hour outcome is known: all of the period's requests up to the day before
   * yesterday (UTC), and the answered ones of yesterday and today.
   */
  settled: number;
  /** answeredWithin24h / settled, from 0 to 1; null when nothing is settled. */
  answeredWithin24hShare: number | null;
  /** The bracket of the median time to the first reply; null when no request was answered. */
  medianReply: ReplyTimeBracket | null;
}

/** GET /api/garages/:id/responsiveness: the last 30 days (UTC, today included) and the 30 before, for the trend. */
export interface GarageResponsivenessView {
  garageId: string;
  periodDays: number;
  current: ResponsivenessFigures;
  previous: ResponsivenessFigures;
  computedAt: IsoDate;
}
