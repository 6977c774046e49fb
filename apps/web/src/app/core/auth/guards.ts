import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import type { UserRole } from '@promoto/shared-dto';
import { Session, homeFor } from './session';

/** Logged-in users only; the others go to /login and come back after logging in. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(Session).user()) return true;
  return inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Pages of one role: the other role is sent to its own home page. */
export function roleGuard(role: UserRole): CanActivateFn {
  return () => {
    const user = inject(Session).user();
    return !user || user.role === role ? true : inject(Router).createUrlTree([homeFor(user.role)]);
  };
}

/** Login and register: a logged-in user has nothing to do there. */
export const guestGuard: CanActivateFn = () => {
  const user = inject(Session).user();
  return user ? inject(Router).createUrlTree([homeFor(user.role)]) : true;
};

/** The site root and unknown addresses: the user's home page, or the login page. */
export const homeRedirect: CanActivateFn = () => {
  const user = inject(Session).user();
  return inject(Router).createUrlTree([user ? homeFor(user.role) : '/login']);
};
