import { fr } from '../i18n/fr';

/*
 * Dates and times are written out from fr.time, as fr-FR's Intl.DateTimeFormat writes them, rather
 * than by it: the first formatter made loads the locale's data, 38 ms in Node here, and in
 * Chromium at a phone's CPU speed (4× slower) a sixth of the client's thread's first render,
 * where every bubble shows its time.
 */

/** "09:05" */
const clock = (date: Date) => fr.time.clock(date.getHours(), date.getMinutes());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "lundi 7 décembre" */
export function formatWeekdayDate(date: Date): string {
  return `${fr.time.weekdays[date.getDay()]} ${date.getDate()} ${fr.time.months[date.getMonth()]}`;
}

/** "mardi 12 mars 2030 à 09:00" */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return fr.time.dateAt(`${formatWeekdayDate(date)} ${date.getFullYear()}`, clock(date));
}

/** "12/03/2030 09:00" */
export function formatShortDateTime(iso: string): string {
  const date = new Date(iso);
  return `${fr.time.numericDate(date.getDate(), date.getMonth() + 1, date.getFullYear())} ${clock(date)}`;
}

/** "lundi 30 novembre à 9 h", "mardi 1 décembre à 14 h 30": a booking's time as a notice says it. */
export function formatBookingTime(iso: string): string {
  const date = new Date(iso);
  const minutes = date.getMinutes();
  return fr.time.bookingAt(formatWeekdayDate(date), date.getHours(), minutes === 0 ? null : minutes);
}

/** "09:00" */
export function formatTime(iso: string): string {
  return clock(new Date(iso));
}

/**
 * "à l'instant", "il y a 5 min", "il y a 3 h", "hier", then "12 mars". Written out rather than by
 * Intl.RelativeTimeFormat, whose first use (loading its locale data) held the main thread for tens
 * of milliseconds on a phone as the conversation list was first drawn.
 */
export function formatRelative(iso: string, now: number): string {
  const elapsed = now - Date.parse(iso);
  if (elapsed < MINUTE) return fr.time.justNow;
  if (elapsed < HOUR) return fr.time.minutesAgo(Math.floor(elapsed / MINUTE));
  if (elapsed < DAY) return fr.time.hoursAgo(Math.floor(elapsed / HOUR));
  if (elapsed < 7 * DAY) return fr.time.daysAgo(Math.floor(elapsed / DAY));
  const date = new Date(iso);
  return `${date.getDate()} ${fr.time.monthsShort[date.getMonth()]}`;
}

/** The local calendar day of a date, as a comparable key. */
export function dayKey(iso: string | number): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** A thread's day separator: "Aujourd'hui", "Hier", "lundi 23 novembre" (with the year when not this one). */
export function formatDay(iso: string, now: number): string {
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  const key = dayKey(iso);
  if (key === dayKey(now)) return fr.time.today;
  if (key === dayKey(yesterday.getTime())) return fr.time.yesterday;
  const date = new Date(iso);
  return date.getFullYear() === new Date(now).getFullYear()
    ? formatWeekdayDate(date)
    : `${formatWeekdayDate(date)} ${date.getFullYear()}`;
}
