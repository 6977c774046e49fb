import type { AppointmentView, BookingEventAction } from '@promoto/shared-dto';
import type { AuthUser } from '../auth/auth-user';

/**
 * A booking changed (created, confirmed, moved, cancelled, completed) by `causedBy`: the
 * appointments module publishes it, the messages module writes its notice into the
 * client↔garagiste conversation. The booking's answer waits for that notice.
 */
export class BookingChanged {
  constructor(
    readonly appointment: AppointmentView,
    readonly action: BookingEventAction,
    readonly causedBy: AuthUser,
    /** Why, in the causer's words, when they gave a reason. */
    readonly reason?: string,
  ) {}
}
