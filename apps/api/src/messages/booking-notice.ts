import type { BookingEventAction } from '@promoto/shared-dto';

/** Bookings are made in France: a notice states the time as the garage's clock shows it. */
const TIME_ZONE = 'Europe/Paris';

const TITLES: Record<BookingEventAction, string> = {
  created: 'Rendez-vous demandé',
  confirmed: 'Rendez-vous confirmé',
  moved: 'Rendez-vous déplacé',
  cancelled: 'Rendez-vous annulé',
  completed: 'Rendez-vous terminé',
};

const day = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: TIME_ZONE });
const clock = new Intl.DateTimeFormat('fr-FR', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});

/** « 9 h », « 14 h 30 »: the French way of writing a time of day. */
function timeOfDay(date: Date): string {
  const parts = clock.formatToParts(date);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? '0');
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '00';
  return minute === '00' ? `${hour} h` : `${hour} h ${minute}`;
}

/**
 * The text of a booking's notice, stored as the message's content so that previews, e-mails and
 * clients that only read text say it too: « Rendez-vous confirmé — lundi 30 novembre à 9 h, Distribution ».
 */
export function bookingNoticeText(action: BookingEventAction, scheduledAt: Date, service: string): string {
  return `${TITLES[action]} — ${day.format(scheduledAt)} à ${timeOfDay(scheduledAt)}, ${service}`;
}
