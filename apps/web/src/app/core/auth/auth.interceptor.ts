import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, of, switchMap, throwError } from 'rxjs';
import { API_URL, PUBLIC_API_PATHS } from '../api/api-url';
import { Session, tokenNeedsRefresh } from './session';
import { TokenRefresher } from './token-refresher';

/** What a request fails with when its session ended before it could be sent. */
const sessionEnded = (request: HttpRequest<unknown>) =>
  new HttpErrorResponse({
    status: 401,
    statusText: 'Unauthorized',
    url: request.url,
    error: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'The session has ended.' },
  });

/**
 * Adds the bearer token to API calls, renewing it first when it is about to expire; a 401 on a
 * call made with a token (expired on the way, or signed with a key since removed) renews it once
 * and makes the call again. When the server refuses to renew it, the session is over
 * (TokenRefresher sends the user to the login page) and the call fails.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(Session);
  const refresher = inject(TokenRefresher);
  const token = session.token();
  // A call that names its own session (an invitation accepted as the account just logged in to) keeps it.
  const needsToken =
    token !== null &&
    request.url.startsWith(`${API_URL}/`) &&
    !PUBLIC_API_PATHS.includes(request.url) &&
    !request.headers.has('Authorization');
  if (!needsToken) return next(request);

  const send = (bearer: string) => next(request.clone({ setHeaders: { Authorization: `Bearer ${bearer}` } }));
  const renewed = (stale: string) =>
    from(refresher.refresh(stale)).pipe(
      switchMap((fresh) => (fresh ? of(fresh) : throwError(() => sessionEnded(request)))),
    );
  return (tokenNeedsRefresh(token) ? renewed(token) : of(token)).pipe(
    switchMap((bearer) =>
      send(bearer).pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && error.status === 401
            ? renewed(bearer).pipe(switchMap(send))
            : throwError(() => error),
        ),
      ),
    ),
  );
};
