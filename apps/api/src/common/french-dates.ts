import { GARAGE_TIME_ZONE } from '@promoto/shared-dto';

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: GARAGE_TIME_ZONE,
});
const weekdayFormat = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: GARAGE_TIME_ZONE });
const clock = new Intl.DateTimeFormat('fr-FR', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: GARAGE_TIME_ZONE,
});

/** « 9 h », « 14 h 30 »: the French way of writing `minutes` after midnight. */
export function frenchTime(minutes: number): string {
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  return minute === 0 ? `${hour} h` : `${hour} h ${String(minute).padStart(2, '0')}`;
}

/** « 9 h » at that instant, as the garage's clock shows it. */
export function frenchTimeAt(instant: Date): string {
  const parts = clock.formatToParts(instant);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? '0');
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? '0');
  return frenchTime(hour * 60 + minute);
}

/** « lundi 30 novembre », in the garage's time zone. */
export const frenchDay = (instant: Date): string => dayFormat.format(instant);

/** « lundi », in the garage's time zone. */
export const frenchWeekday = (instant: Date): string => weekdayFormat.format(instant);
