import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { authInterceptor } from './auth.interceptor';
import { Session } from './session';

function setUp(token: string | null) {
  const session = { token: signal(token), expire: jest.fn() };
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      { provide: Session, useValue: session },
    ],
  });
  return { session, http: TestBed.inject(HttpClient), backend: TestBed.inject(HttpTestingController) };
}

describe('authInterceptor', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('adds the bearer token to API calls, not to login and register', () => {
    const { http, backend } = setUp('the-token');
    http.get('/api/garages').subscribe();
    http.post('/api/auth/login', {}).subscribe();
    expect(backend.expectOne('/api/garages').request.headers.get('Authorization')).toBe('Bearer the-token');
    expect(backend.expectOne('/api/auth/login').request.headers.has('Authorization')).toBe(false);
  });

  it('ends the session when the API answers 401 to a call made with the token', () => {
    const { http, backend, session } = setUp('the-token');
    const failure = jest.fn();
    http.get('/api/messages/conversations').subscribe({ error: failure });
    backend
      .expectOne('/api/messages/conversations')
      .flush(
        { statusCode: 401, code: 'TOKEN_EXPIRED', message: 'expired' },
        { status: 401, statusText: 'Unauthorized' },
      );
    expect(session.expire).toHaveBeenCalled();
    expect(failure).toHaveBeenCalled();
  });

  it('leaves a 401 on login to the login page (bad credentials)', () => {
    const { http, backend, session } = setUp(null);
    http.post('/api/auth/login', {}).subscribe({ error: () => undefined });
    backend.expectOne('/api/auth/login').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(session.expire).not.toHaveBeenCalled();
  });
});
