import { fr } from '../i18n/fr';

/** An Intl formatter is costly to make: each is made on its first use, not while the app starts. */
function onFirstUse<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

const dateTime = onFirstUse(() => new Intl.DateTimeFormat(fr.locale, { dateStyle: 'full', timeStyle: 'short' }));
const shortDateTime = onFirstUse(() => new Intl.DateTimeFormat(fr.locale, { dateStyle: 'short', timeStyle: 'short' }));
const time = onFirstUse(() => new Intl.DateTimeFormat(fr.locale, { timeStyle: 'short' }));
const shortDate = onFirstUse(() => new Intl.DateTimeFormat(fr.locale, { day: 'numeric', month: 'short' }));
const weekdayDate = onFirstUse(
  () => new Intl.DateTimeFormat(fr.locale, { weekday: 'long', day: 'numeric', month: 'long' }),
);
const weekdayDateYear = onFirstUse(
  () => new Intl.DateTimeFormat(fr.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "mardi 12 mars 2030 à 09:00" */
export function formatDateTime(iso: string): string {
  return dateTime().format(new Date(iso));
}

/** "12/03/2030 09:00" */
export function formatShortDateTime(iso: string): string {
  return shortDateTime().format(new Date(iso));
}

/** "lundi 30 novembre à 9 h", "mardi 1 décembre à 14 h 30": a booking's time as a notice says it. */
export function formatBookingTime(iso: string): string {
  const date = new Date(iso);
  const minutes = date.getMinutes();
  return fr.time.bookingAt(weekdayDate().format(date), date.getHours(), minutes === 0 ? null : minutes);
}

/** "lundi 7 décembre" */
export function formatWeekdayDate(date: Date): string {
  return weekdayDate().format(date);
}

/** "09:00" */
export function formatTime(iso: string): string {
  return time().format(new Date(iso));
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
  return shortDate().format(new Date(iso));
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
  return (date.getFullYear() === new Date(now).getFullYear() ? weekdayDate() : weekdayDateYear()).format(date);
}
