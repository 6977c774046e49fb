import type { Closure, OpeningHoursRequest, OpeningPeriod, Weekday } from '@promoto/shared-dto';
import { frenchDay, frenchTime, frenchWeekday } from '../common/french-dates';
import { addDays, instantAt, isRealDay, minutesOf, wallClockAt, weekdayOf } from './garage-clock';

/** A garage's week and closures, in its time zone. */
export interface Schedule {
  weekly: readonly OpeningPeriod[];
  closures: readonly Closure[];
}

/** The hours of a garage whose owner set none: Monday to Saturday, 8 h to 19 h. */
export const DEFAULT_SCHEDULE: Schedule = {
  weekly: ([1, 2, 3, 4, 5, 6] as const).map((day) => ({ day, opens: '08:00', closes: '19:00' })),
  closures: [],
};

/** How far the rules look for the next opening: past a year of closures, the garage is closed. */
const HORIZON_DAYS = 400;
/** The longest closure an owner can enter. */
const CLOSURE_MAX_DAYS = 366;

export interface Interval {
  start: Date;
  end: Date;
}

const byStart = (a: OpeningPeriod, b: OpeningPeriod) => a.day - b.day || minutesOf(a.opens) - minutesOf(b.opens);

/** The periods of one weekday, by opening time. */
const periodsOf = (schedule: Schedule, weekday: Weekday) =>
  schedule.weekly.filter((period) => period.day === weekday).sort(byStart);

/** The closure that covers `day` (`YYYY-MM-DD`), if any. */
export const closureOn = (schedule: Schedule, day: string): Closure | undefined =>
  schedule.closures.find((closure) => closure.from <= day && day <= closure.to);

/**
 * What is wrong with hours an owner wrote, one French sentence per problem (none when they hold):
 * at least one period, each ending after it starts, none overlapping another of its day; closures on
 * real days, ending on or after their first day, at most a year long.
 */
export function scheduleProblems(request: OpeningHoursRequest): string[] {
  const problems: string[] = [];
  if (request.weekly.length === 0) problems.push('Indiquez au moins une plage d’ouverture dans la semaine.');
  const weekly = [...request.weekly].sort(byStart);
  weekly.forEach((period, index) => {
    const name = frenchWeekday(instantAt(dayOfWeek(period.day), 720));
    if (minutesOf(period.closes) <= minutesOf(period.opens)) {
      problems.push(`Le ${name}, la plage de ${period.opens} doit se terminer après son ouverture.`);
    }
    const previous = weekly[index - 1];
    if (previous?.day === period.day && minutesOf(period.opens) < minutesOf(previous.closes)) {
      problems.push(
        `Le ${name}, les plages ${previous.opens}–${previous.closes} et ${period.opens}–${period.closes} se chevauchent.`,
      );
    }
  });
  for (const closure of request.closures) {
    if (!isRealDay(closure.from) || !isRealDay(closure.to)) {
      problems.push(`La fermeture du ${closure.from} au ${closure.to} n’a pas de date valide.`);
    } else if (closure.to < closure.from) {
      problems.push(`La fermeture du ${closure.from} doit se terminer le même jour ou après.`);
    } else if (addDays(closure.from, CLOSURE_MAX_DAYS) <= closure.to) {
      problems.push(`La fermeture du ${closure.from} au ${closure.to} dépasse un an.`);
    }
  }
  return problems;
}

/** A day of the week of 2024-01-01 (a Monday) onwards: only used to name a weekday. */
const dayOfWeek = (weekday: Weekday) => addDays('2024-01-01', weekday - 1);

/** When the garage is open on `day` (`YYYY-MM-DD`): none on a closure. */
export function openingsOn(schedule: Schedule, day: string): Interval[] {
  if (closureOn(schedule, day)) return [];
  return periodsOf(schedule, weekdayOf(day)).map((period) => ({
    start: instantAt(day, minutesOf(period.opens)),
    end: instantAt(day, minutesOf(period.closes)),
  }));
}

export function isOpenAt(schedule: Schedule, at: Date): boolean {
  return openingsOn(schedule, wallClockAt(at).day).some(({ start, end }) => start <= at && at < end);
}

/** The first moment at or after `at` when the garage is open; null when it stays closed for over a year. */
export function nextOpening(schedule: Schedule, at: Date): Date | null {
  const first = wallClockAt(at).day;
  for (let offset = 0; offset < HORIZON_DAYS; offset += 1) {
    const opening = openingsOn(schedule, addDays(first, offset)).find(({ end }) => end > at);
    if (opening) return opening.start > at ? opening.start : at;
  }
  return null;
}

/** How long the garage is open between `from` and `to`, in milliseconds. */
export function openMsBetween(schedule: Schedule, from: Date, to: Date): number {
  let total = 0;
  const last = wallClockAt(to).day;
  for (
    let day = wallClockAt(from).day, count = 0;
    day <= last && count < HORIZON_DAYS;
    day = addDays(day, 1), count++
  ) {
    for (const { start, end } of openingsOn(schedule, day)) {
      const overlap = Math.min(end.getTime(), to.getTime()) - Math.max(start.getTime(), from.getTime());
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/** Where a booking may start on `day`: each period cut into slots from its opening, the last one ending by its closing. */
export function slotsOn(schedule: Schedule, day: string, slotMinutes: number): Date[] {
  if (closureOn(schedule, day)) return [];
  return periodsOf(schedule, weekdayOf(day)).flatMap((period) => {
    const starts: Date[] = [];
    for (
      let minute = minutesOf(period.opens);
      minute + slotMinutes <= minutesOf(period.closes);
      minute += slotMinutes
    ) {
      starts.push(instantAt(day, minute));
    }
    return starts;
  });
}

/**
 * Why a booking cannot start at `at`, as a French sentence for the person booking; null when `at` is
 * the start of one of the garage's slots.
 */
export function slotRefusal(schedule: Schedule, at: Date, slotMinutes: number): string | null {
  const { day, weekday } = wallClockAt(at);
  const closure = closureOn(schedule, day);
  if (closure) {
    const why = closure.label ? ` (${closure.label})` : '';
    return `Le garage est fermé le ${frenchDay(at)}${why} : choisissez un autre jour.`;
  }
  const periods = periodsOf(schedule, weekday);
  if (periods.length === 0) return `Le garage est fermé le ${frenchWeekday(at)} : choisissez un autre jour.`;
  if (slotsOn(schedule, day, slotMinutes).some((start) => start.getTime() === at.getTime())) return null;
  const hours = periods
    .map((period) => `de ${frenchTime(minutesOf(period.opens))} à ${frenchTime(minutesOf(period.closes))}`)
    .join(' et ');
  const length = slotMinutes % 60 === 0 ? `${slotMinutes / 60} h` : `${slotMinutes} min`;
  return `Le ${frenchWeekday(at)}, le garage reçoit ${hours}, par créneaux de ${length} : choisissez un des créneaux proposés.`;
}

/** The slots of `days` days from `from` that start after `now` and that no booking holds, in order. */
export function freeSlots(
  schedule: Schedule,
  range: { from: string; days: number },
  slotMinutes: number,
  now: Date,
  taken: ReadonlySet<number>,
): Date[] {
  const slots: Date[] = [];
  for (let offset = 0; offset < range.days; offset += 1) {
    for (const start of slotsOn(schedule, addDays(range.from, offset), slotMinutes)) {
      if (start > now && !taken.has(start.getTime())) slots.push(start);
    }
  }
  return slots;
}
