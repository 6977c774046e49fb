import type { UserRole } from '@promoto/shared-dto';
import type { RecordedMessage } from '../messages/message-events';

/** The web app's area of each role: its messages and settings pages live under it. */
const AREA: Record<UserRole, string> = { client: '/app', garagiste: '/garage', admin: '/admin' };

/** The thread with that person, relative to the web app's origin. */
export const threadPath = (role: UserRole, otherUserId: string) =>
  `${AREA[role]}/messages?user=${encodeURIComponent(otherUserId)}`;

export const threadUrl = (frontendUrl: string, role: UserRole, otherUserId: string) =>
  `${frontendUrl}${threadPath(role, otherUserId)}`;

/** A garage's booking form with one of the client's vehicles chosen: a vehicle reminder's « Prendre rendez-vous ». */
export const bookingPath = (garageId: string, vehicleId: string) =>
  `/app/garage/${encodeURIComponent(garageId)}?vehicle=${encodeURIComponent(vehicleId)}`;

/** The booking form of a vehicle reminder, when the message is one (for the client it was written to). */
export const reminderBookingPath = (message: RecordedMessage): string | null =>
  message.kind === 'vehicle-reminder' && message.vehicleReminder && message.garage
    ? bookingPath(message.garage.toHexString(), message.vehicleReminder.vehicle.vehicleId.toHexString())
    : null;

export const settingsUrl = (frontendUrl: string, role: UserRole) => `${frontendUrl}${AREA[role]}/settings`;

/** The API is served under the web app's origin (`/api`, proxied in development and by nginx). */
export const unsubscribeUrl = (frontendUrl: string, token: string) =>
  `${frontendUrl}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
