import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { AuthResponse } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';
import { Session, tokenExpiry } from './session';

function token(exp?: number): string {
  const payload = btoa(JSON.stringify({ sub: 'u1', ...(exp === undefined ? {} : { exp }) }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `header.${payload}.signature`;
}

function auth(accessToken: string): AuthResponse {
  return {
    accessToken,
    user: { id: 'a00000000000000000000001', email: 'c@example.test', name: 'Camille', role: 'client' },
  };
}

function createSession() {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  const router = TestBed.inject(Router);
  jest.spyOn(router, 'navigate').mockResolvedValue(true);
  return { session: TestBed.inject(Session), router };
}

describe('Session', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    localStorage.clear();
    jest.useRealTimers();
  });

  it('reads the expiry from the token', () => {
    expect(tokenExpiry(token(1_900_000_000))).toBe(1_900_000_000_000);
    expect(tokenExpiry('not-a-token')).toBeNull();
  });

  it('survives a reload through localStorage', () => {
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    createSession().session.start(auth(token(inAnHour)));
    TestBed.resetTestingModule();

    const { session } = createSession();
    expect(session.user()?.name).toBe('Camille');
    expect(session.token()).toBe(token(inAnHour));
  });

  it('drops an expired stored session and says why', () => {
    localStorage.setItem('promoto.session', JSON.stringify(auth(token(Math.floor(Date.now() / 1000) - 10))));
    const { session } = createSession();
    expect(session.user()).toBeNull();
    expect(session.notice()).toBe(fr.errors.sessionExpired);
  });

  it('ends by itself when the token expires, back to /login with the message', () => {
    jest.useFakeTimers();
    const { session, router } = createSession();
    session.start(auth(token(Math.floor(Date.now() / 1000) + 60)));
    jest.advanceTimersByTime(61_000);
    expect(session.user()).toBeNull();
    expect(localStorage.getItem('promoto.session')).toBeNull();
    expect(router.navigate).toHaveBeenCalledWith(['/login']);
    expect(session.notice()).toBe('Votre session a expiré, reconnectez-vous.');
  });

  it('logs out without a message', () => {
    const { session } = createSession();
    session.start(auth(token()));
    session.logout();
    expect(session.user()).toBeNull();
    expect(session.notice()).toBeNull();
  });
});
