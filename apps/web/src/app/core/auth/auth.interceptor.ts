import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { API_URL, PUBLIC_API_PATHS } from '../api/api-url';
import { Session } from './session';

/**
 * Adds the bearer token to API calls; a 401 on a call made with the current token means the
 * session is over (expired or revoked), so the user goes back to the login page.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(Session);
  const token = session.token();
  const needsToken = token !== null && request.url.startsWith(`${API_URL}/`) && !PUBLIC_API_PATHS.includes(request.url);
  if (!needsToken) return next(request);

  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && session.token() === token) session.expire();
      return throwError(() => error);
    }),
  );
};
