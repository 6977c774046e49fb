import type { AppointmentStatus, SignUpRole } from './roles';
import type { BookingVehicle } from './vehicles';
import type { IsoDate } from './views';

/**
 * What a message is: a person's text, a notice the API writes into the client↔garagiste
 * conversation when a booking changes, the garage's automatic answer outside its opening hours, a
 * garage's quote (devis), the notice of the client's decision on it, an internal note, written by
 * a member of the garage for its members and never served to the client, or a reminder the garage
 * scheduled on the client's vehicle, at its date.
 * A served message without `kind` is a text message, so clients written before booking events keep
 * reading every message as text.
 */
export const MESSAGE_KINDS = [
  'text',
  'booking-event',
  'away-notice',
  'quote',
  'quote-decision',
  'note',
  'vehicle-reminder',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The changes of a booking that write a notice into its conversation. */
export const BOOKING_EVENT_ACTIONS = ['created', 'confirmed', 'moved', 'cancelled', 'completed'] as const;
export type BookingEventAction = (typeof BOOKING_EVENT_ACTIONS)[number];

/** The typed payload of a `booking-event` message: the booking as the change left it. */
export interface BookingEventPayload {
  appointmentId: string;
  action: BookingEventAction;
  /** The booking's status right after the change. */
  status: AppointmentStatus;
  /** After a move, the new time. */
  scheduledAt: IsoDate;
  service: string;
  garageName: string;
  /** Who caused the change: the message's sender, for whom it is never unread. */
  causedBy: string;
  causedByRole: SignUpRole;
  /** Why, in the causer's words (« Pièce pas encore livrée »), when they gave a reason. */
  reason?: string;
  /** The vehicle the booking is for, when the client chose one. */
  vehicle?: BookingVehicle;
}
