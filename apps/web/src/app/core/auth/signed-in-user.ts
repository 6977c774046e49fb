import { InjectionToken } from '@angular/core';

/** Who a signed-in session is for, given to its injector when it is created at login. */
export interface SignedInUser {
  userId: string;
  /** The garage the user is a member of: its conversations are theirs too. */
  garageId?: string;
  /** The server-side session (the tokens' `sid`): a refresh keeps it, a new login changes it. */
  sessionId: string;
}

export const SIGNED_IN_USER = new InjectionToken<SignedInUser>('SIGNED_IN_USER');
