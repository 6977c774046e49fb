// Request DTO classes with class-validator rules, for servers and for outside teams.
import './lib/validation/require-reflect-metadata';
export * from './lib/validation/admin.dto';
export * from './lib/validation/appointments.dto';
export * from './lib/validation/auth.dto';
export * from './lib/validation/messages.dto';
export * from './lib/validation/notifications.dto';
export * from './lib/validation/opening-hours.dto';
export * from './lib/validation/push.dto';
export * from './lib/validation/quick-replies.dto';
export * from './lib/validation/quotes.dto';
export * from './lib/validation/reminders.dto';
export * from './lib/validation/reports.dto';
export * from './lib/validation/team.dto';
export * from './lib/validation/vehicles.dto';
export { IsBookingTime, isBookingTime } from './lib/validation/booking-time';
export { MaxCharacters } from './lib/validation/characters';
export { IsObjectId } from './lib/validation/ids';
export { NormalizeEmail, Trim } from './lib/validation/transforms';
