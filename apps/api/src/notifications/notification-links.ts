import type { UserRole } from '@promoto/shared-dto';

/** The web app's area of each role: its messages and settings pages live under it. */
const AREA: Record<UserRole, string> = { client: '/app', garagiste: '/garage' };

/** The thread with that person, relative to the web app's origin. */
export const threadPath = (role: UserRole, otherUserId: string) =>
  `${AREA[role]}/messages?user=${encodeURIComponent(otherUserId)}`;

export const threadUrl = (frontendUrl: string, role: UserRole, otherUserId: string) =>
  `${frontendUrl}${threadPath(role, otherUserId)}`;

export const settingsUrl = (frontendUrl: string, role: UserRole) => `${frontendUrl}${AREA[role]}/settings`;

/** The API is served under the web app's origin (`/api`, proxied in development and by nginx). */
export const unsubscribeUrl = (frontendUrl: string, token: string) =>
  `${frontendUrl}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
