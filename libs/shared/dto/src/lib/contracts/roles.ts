/** The roles of the people who talk and book: the only ones sign-up offers. */
export const SIGN_UP_ROLES = ['client', 'garagiste'] as const;
export type SignUpRole = (typeof SIGN_UP_ROLES)[number];

/**
 * Every account's role. An `admin` moderates (the `/api/admin` routes): made by an operator
 * command, never by sign-up, and never a contact: it cannot send, book or be written to.
 */
export const USER_ROLES = ['client', 'garagiste', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const APPOINTMENT_STATUSES = ['pending', 'confirmed', 'completed', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
