import { InjectionToken } from '@angular/core';

/** Who a signed-in session is for, given to its injector when it is created at login. */
export interface SignedInUser {
  userId: string;
  token: string;
}

export const SIGNED_IN_USER = new InjectionToken<SignedInUser>('SIGNED_IN_USER');
