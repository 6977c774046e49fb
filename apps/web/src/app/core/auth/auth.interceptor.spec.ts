import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { authInterceptor } from './auth.interceptor';
import { Session } from './session';
import { TokenRefresher } from './token-refresher';

/** A token whose `exp` is `secondsLeft` from now, in a lifetime of 900 s. */
function tokenExpiringIn(secondsLeft: number): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = btoa(JSON.stringify({ sub: 'u1', sid: 's1', iat: now + secondsLeft - 900, exp: now + secondsLeft }));
  return `header.${payload.replace(/=+$/, '')}.signature`;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp(token: string | null, refreshed: string | null = 'fresh-token') {
  const session = { token: signal(token) };
  const refresher = { refresh: jest.fn(async () => refreshed) };
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      { provide: Session, useValue: session },
      { provide: TokenRefresher, useValue: refresher },
    ],
  });
  return { session, refresher, http: TestBed.inject(HttpClient), backend: TestBed.inject(HttpTestingController) };
}

const expired401 = { statusCode: 401, code: 'TOKEN_EXPIRED', message: 'expired' };

describe('authInterceptor', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('adds the bearer token to API calls, not to login, register and refresh', () => {
    const token = tokenExpiringIn(600);
    const { http, backend } = setUp(token);
    http.get('/api/garages').subscribe();
    http.post('/api/auth/login', {}).subscribe();
    http.post('/api/auth/refresh', {}).subscribe();
    expect(backend.expectOne('/api/garages').request.headers.get('Authorization')).toBe(`Bearer ${token}`);
    expect(backend.expectOne('/api/auth/login').request.headers.has('Authorization')).toBe(false);
    expect(backend.expectOne('/api/auth/refresh').request.headers.has('Authorization')).toBe(false);
  });

  it('keeps the bearer token a call names itself, never renewing it', () => {
    const { http, backend, refresher } = setUp(tokenExpiringIn(5));
    http
      .post('/api/invitations/accept', {}, { headers: { Authorization: 'Bearer just-logged-in' } })
      .subscribe({ error: () => undefined });
    const accept = backend.expectOne('/api/invitations/accept');
    expect(accept.request.headers.get('Authorization')).toBe('Bearer just-logged-in');
    accept.flush(expired401, { status: 401, statusText: 'Unauthorized' });
    expect(refresher.refresh).not.toHaveBeenCalled();
    backend.verify();
  });

  it('renews a token about to expire before sending the call with the new one', async () => {
    const stale = tokenExpiringIn(5);
    const { http, backend, refresher } = setUp(stale);
    http.get('/api/messages/unread-count').subscribe();
    await flush();
    expect(refresher.refresh).toHaveBeenCalledWith(stale);
    expect(backend.expectOne('/api/messages/unread-count').request.headers.get('Authorization')).toBe(
      'Bearer fresh-token',
    );
  });

  it('on a 401, renews the token once and makes the call again: the caller sees its answer, not the 401', async () => {
    const token = tokenExpiringIn(600);
    const { http, backend, refresher } = setUp(token);
    const answer = jest.fn();
    const failure = jest.fn();
    http.get('/api/messages/conversations').subscribe({ next: answer, error: failure });
    backend.expectOne('/api/messages/conversations').flush(expired401, { status: 401, statusText: 'Unauthorized' });
    await flush();
    expect(refresher.refresh).toHaveBeenCalledWith(token);
    const retry = backend.expectOne('/api/messages/conversations');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer fresh-token');
    retry.flush({ items: [], nextCursor: null });
    expect(answer).toHaveBeenCalledWith({ items: [], nextCursor: null });
    expect(failure).not.toHaveBeenCalled();
  });

  it('fails the call when the session cannot be renewed, without trying again', async () => {
    const { http, backend, refresher } = setUp(tokenExpiringIn(600), null);
    const failure = jest.fn();
    http.get('/api/messages/conversations').subscribe({ error: failure });
    backend.expectOne('/api/messages/conversations').flush(expired401, { status: 401, statusText: 'Unauthorized' });
    await flush();
    expect(refresher.refresh).toHaveBeenCalledTimes(1);
    expect(failure).toHaveBeenCalledWith(expect.objectContaining({ status: 401 }));
    backend.verify();
  });

  it('leaves a 401 on login to the login page (bad credentials)', () => {
    const { http, backend, refresher } = setUp(null);
    http.post('/api/auth/login', {}).subscribe({ error: () => undefined });
    backend.expectOne('/api/auth/login').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(refresher.refresh).not.toHaveBeenCalled();
  });
});
