import { REPLY_TIME_BRACKETS_MINUTES, type ReplyTimeBracket, type ResponsivenessFigures } from '@promoto/shared-dto';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The figures' period, and the trend's: the last 30 UTC days (today included), then the 30 before. */
export const PERIOD_DAYS = 30;

/** How many days a garage's counts are kept: both periods, in a ring that reuses a slot every RING_DAYS days. */
export const RING_DAYS = 64;

/** The UTC day a date falls on, counted from 1970-01-01. */
export const dayOf = (date: Date): number => Math.floor(date.getTime() / DAY_MS);

/** One UTC day's requests, as counted on the day each request was made. */
export interface DayCounts {
  requests: number;
  answered: number;
  answeredWithin24h: number;
  /** Answered requests per reply time bracket, keyed `b<index>` (see bracketOf); absent keys are 0. */
  brackets: Record<string, number>;
}

/** A day's counts as stored in its ring slot. */
export interface DaySlot extends Partial<DayCounts> {
  day: number;
}

/** The index of the bracket a reply time falls in; REPLY_TIME_BRACKETS_MINUTES.length for the open one. */
export function bracketOf(replyMs: number): number {
  const index = REPLY_TIME_BRACKETS_MINUTES.findIndex((atMost) => replyMs <= atMost * 60_000);
  return index === -1 ? REPLY_TIME_BRACKETS_MINUTES.length : index;
}

export function bracketAt(index: number): ReplyTimeBracket {
  return {
    afterMinutes: index === 0 ? 0 : REPLY_TIME_BRACKETS_MINUTES[index - 1],
    atMostMinutes: index < REPLY_TIME_BRACKETS_MINUTES.length ? REPLY_TIME_BRACKETS_MINUTES[index] : null,
  };
}

/** What one request adds to the counts of the day it was made. */
export const requestCounts = (): DayCounts => ({ requests: 1, answered: 0, answeredWithin24h: 0, brackets: {} });

/** How long a request waited for its answer, in milliseconds. */
export type ReplyTime = (requestedAt: Date, answeredAt: Date) => number;

/** All the time between the request and its answer. */
export const elapsed: ReplyTime = (requestedAt, answeredAt) =>
  Math.max(0, answeredAt.getTime() - requestedAt.getTime());

/** What one answer adds to the counts of the day its request was made; `replyTime` measures the wait. */
export function answerCounts(requestedAt: Date, answeredAt: Date, replyTime: ReplyTime = elapsed): DayCounts {
  const replyMs = replyTime(requestedAt, answeredAt);
  return {
    requests: 0,
    answered: 1,
    answeredWithin24h: replyMs <= DAY_MS ? 1 : 0,
    brackets: { [`b${bracketOf(replyMs)}`]: 1 },
  };
}

/** Adds counts together (for one day's slot). */
export function addCounts(a: DayCounts, b: DayCounts): DayCounts {
  const brackets = { ...a.brackets };
  for (const [key, count] of Object.entries(b.brackets)) brackets[key] = (brackets[key] ?? 0) + count;
  return {
    requests: a.requests + b.requests,
    answered: a.answered + b.answered,
    answeredWithin24h: a.answeredWithin24h + b.answeredWithin24h,
    brackets,
  };
}

/** Requests made (when) and answered (when asked, when answered). */
export interface Replies {
  requests: Date[];
  answers: Array<{ requestedAt: Date; answeredAt: Date }>;
}

/** What the replies add to the counts, per day their request was made; `replyTime` measures each wait. */
export function countsByDay({ requests, answers }: Replies, replyTime: ReplyTime = elapsed): Map<number, DayCounts> {
  const byDay = new Map<number, DayCounts>();
  const add = (requestedAt: Date, counts: DayCounts) => {
    const day = dayOf(requestedAt);
    const sum = byDay.get(day);
    byDay.set(day, sum ? addCounts(sum, counts) : counts);
  };
  for (const requestedAt of requests) add(requestedAt, requestCounts());
  for (const { requestedAt, answeredAt } of answers) add(requestedAt, answerCounts(requestedAt, answeredAt, replyTime));
  return byDay;
}

/**
 * The figures of the requests made from day `first` to day `last`. A request's 24-hour outcome is
 * known once it is answered, or once its day ended more than 24 hours ago (up to the day before
 * yesterday): unanswered requests of yesterday and today are not counted against the garage yet.
 */
export function figuresOf(
  slots: readonly DaySlot[],
  first: number,
  last: number,
  today: number,
): ResponsivenessFigures {
  let requests = 0;
  let answered = 0;
  let answeredWithin24h = 0;
  let settled = 0;
  const brackets = new Array<number>(REPLY_TIME_BRACKETS_MINUTES.length + 1).fill(0);
  for (const slot of slots) {
    if (slot.day < first || slot.day > last) continue;
    requests += slot.requests ?? 0;
    answered += slot.answered ?? 0;
    answeredWithin24h += slot.answeredWithin24h ?? 0;
    settled += slot.day <= today - 2 ? (slot.requests ?? 0) : (slot.answered ?? 0);
    for (const [key, count] of Object.entries(slot.brackets ?? {})) brackets[Number(key.slice(1))] += count;
  }
  return {
    requests,
    answered,
    answeredWithin24h,
    settled,
    answeredWithin24hShare: settled === 0 ? null : answeredWithin24h / settled,
    medianReply: medianBracket(brackets),
  };
}

/** The bracket of the lower median of the answered requests' reply times. */
function medianBracket(brackets: readonly number[]): ReplyTimeBracket | null {
  const total = brackets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const middle = Math.ceil(total / 2);
  let seen = 0;
  const index = brackets.findIndex((count) => (seen += count) >= middle);
  return bracketAt(index);
}
