// Browser-safe contracts: types, constants and event maps, with no runtime dependency.
// The class-validator DTOs live in the `@promoto/shared-dto/validation` entry point.
export * from './lib/contracts/admin';
export * from './lib/contracts/booking-events';
export * from './lib/contracts/attachments';
export * from './lib/contracts/blocks';
export * from './lib/contracts/errors';
export * from './lib/contracts/ids';
export * from './lib/contracts/notifications';
export * from './lib/contracts/opening-hours';
export * from './lib/contracts/personal-data';
export * from './lib/contracts/quick-replies';
export * from './lib/contracts/reminders';
export * from './lib/contracts/reports';
export * from './lib/contracts/requests';
export * from './lib/contracts/responsiveness';
export * from './lib/contracts/roles';
export * from './lib/contracts/socket-events';
export * from './lib/contracts/team';
export * from './lib/contracts/vehicles';
export * from './lib/contracts/views';
export * from './lib/limits';
export * from './lib/contracts/response-views';
export * from './lib/contracts/quote-money';
export * from './lib/contracts/quotes';
