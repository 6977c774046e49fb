import type { AppointmentView } from '@promoto/shared-dto';
import { formatShortDateTime } from '../core/format';
import { fr } from '../i18n/fr';
import type { ChatMessage } from './chat-state';

/** What the thread knows of a booking: what its marker and the quick replies' placeholders say. */
export type BookingCard = Pick<AppointmentView, 'service' | 'scheduledAt' | 'status' | 'vehicle'>;

/** « Vidange — 12/03 à 09:00 ». */
export function bookingSummary(booking: BookingCard): string {
  return fr.appointments.summary(booking.service, formatShortDateTime(booking.scheduledAt));
}

/**
 * Each booking as it stands now: as loaded with the page, then as the thread's notices since
 * have left it (they arrive live), so that a marker shows the current status and time.
 */
export function bookingCards(
  appointments: readonly AppointmentView[],
  messages: readonly ChatMessage[],
): Map<string, BookingCard> {
  const cards = new Map<string, BookingCard>(appointments.map((appointment) => [appointment.id, appointment]));
  for (const { bookingEvent } of messages) {
    if (!bookingEvent) continue;
    const { appointmentId, service, scheduledAt, status, vehicle } = bookingEvent;
    cards.set(appointmentId, { service, scheduledAt, status, ...(vehicle ? { vehicle } : {}) });
  }
  return cards;
}

/** The booking a message is about: the one chosen, else the next open one (pending or confirmed, to come). */
export function bookingInQuestion(
  cards: ReadonlyMap<string, BookingCard>,
  chosenId: string,
  now: number,
): BookingCard | undefined {
  const chosen = cards.get(chosenId);
  if (chosen) return chosen;
  return [...cards.values()]
    .filter((card) => (card.status === 'pending' || card.status === 'confirmed') && Date.parse(card.scheduledAt) > now)
    .sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt))[0];
}
