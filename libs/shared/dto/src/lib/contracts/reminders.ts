import type { IsoDate } from './views';
import type { BookingVehicle } from './vehicles';

/** Limits of the reminders a garage schedules on its clients' vehicles. */
export const REMINDER_LIMITS = {
  textMaxLength: 200,
  /** How far ahead a reminder may be due. */
  maxDaysAhead: 731,
  /** Upcoming reminders a garage keeps at once. */
  maxScheduledPerGarage: 500,
} as const;

/**
 * Where a reminder stands: waiting for its date, sent into the thread, or cancelled (by the garage,
 * or at its date while the client and the garage block each other).
 */
export const REMINDER_STATUSES = ['scheduled', 'sent', 'cancelled'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * A reminder a member of the garage scheduled on a client's vehicle (« Vidange dans 6 mois »), as
 * the garage's members list it (GET /api/reminders).
 */
export interface ReminderView {
  id: string;
  garageId: string;
  clientId: string;
  clientName: string;
  /** The vehicle as it was when the reminder was scheduled. */
  vehicle: BookingVehicle;
  text: string;
  /** When the client gets it. */
  dueAt: IsoDate;
  status: ReminderStatus;
  /** The member who scheduled it: the notice is theirs. */
  createdById: string;
  createdByName: string;
  createdAt: IsoDate;
}

/** POST /api/reminders: one of a client's vehicles (its id, as a booking names it), a text and a date. */
export interface CreateReminderRequest {
  vehicleId: string;
  text: string;
  /** ISO 8601 date and time with its zone, in the future, at most REMINDER_LIMITS.maxDaysAhead days ahead. */
  dueAt: string;
}

/**
 * The typed payload of a `vehicle-reminder` message: the garage's reminder, at its date, in the
 * client's conversation with the garage. Its « Prendre rendez-vous » opens the garage's booking
 * form with the vehicle chosen (`/app/garage/<garageId>?vehicle=<vehicleId>`).
 */
export interface VehicleReminderPayload {
  reminderId: string;
  vehicle: BookingVehicle;
  text: string;
  dueAt: IsoDate;
}
