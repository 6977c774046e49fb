import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { AuthResponse } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';
import { Session, tokenExpiry, tokenNeedsRefresh, tokenSessionId } from './session';

/** A JWT-shaped token with these claims (the signature is not read by the app). */
function token(claims: { exp?: number; iat?: number; sid?: string } = {}): string {
  const payload = btoa(JSON.stringify({ sub: 'u1', sid: 'session-1', ...claims }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `header.${payload}.signature`;
}

function auth(accessToken: string, refreshToken = 'refresh-1'): AuthResponse {
  return {
    accessToken,
    refreshToken,
    user: { id: 'a00000000000000000000001', email: 'c@example.test', name: 'Camille', role: 'client' },
  };
}

function createSession() {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  const router = TestBed.inject(Router);
  jest.spyOn(router, 'navigate').mockResolvedValue(true);
  return { session: TestBed.inject(Session), router };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Session', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    localStorage.clear();
  });

  it('reads the expiry and the server-side session from the token', () => {
    expect(tokenExpiry(token({ exp: 1_900_000_000 }))).toBe(1_900_000_000_000);
    expect(tokenExpiry('not-a-token')).toBeNull();
    expect(tokenSessionId(token({ sid: 'abc' }))).toBe('abc');
    expect(tokenSessionId('not-a-token')).toBeNull();
  });

  it('wants a token refreshed once expired or within a quarter of its lifetime (30 s at most) of expiring', () => {
    const now = Date.now();
    const issued = Math.floor(now / 1000);
    expect(tokenNeedsRefresh(token({ iat: issued, exp: issued + 900 }), now)).toBe(false);
    expect(tokenNeedsRefresh(token({ iat: issued - 880, exp: issued + 20 }), now)).toBe(true);
    expect(tokenNeedsRefresh(token({ iat: issued, exp: issued + 8 }), now)).toBe(false);
    expect(tokenNeedsRefresh(token({ iat: issued - 7, exp: issued + 1 }), now)).toBe(true);
    expect(tokenNeedsRefresh(token({ iat: issued - 900, exp: issued - 1 }), now)).toBe(true);
  });

  it('survives a reload through localStorage, an expired access token included (the refresh token renews it)', () => {
    const expired = token({ iat: nowSeconds() - 1000, exp: nowSeconds() - 100 });
    createSession().session.start(auth(expired));
    TestBed.resetTestingModule();

    const { session } = createSession();
    expect(session.user()?.name).toBe('Camille');
    expect(session.token()).toBe(expired);
    expect(session.sessionId()).toBe('session-1');
    expect(session.notice()).toBeNull();
  });

  it('drops a stored session without a refresh token (written before refresh tokens)', () => {
    localStorage.setItem('promoto.session', JSON.stringify({ accessToken: token(), user: auth('x').user }));
    expect(createSession().session.user()).toBeNull();
  });

  it('follows the tokens another tab stored, and its logout', () => {
    const { session, router } = createSession();
    session.start(auth(token({ sid: 'session-1' })));
    const refreshed = auth(token({ sid: 'session-1', exp: nowSeconds() + 900 }), 'refresh-2');
    window.dispatchEvent(new StorageEvent('storage', { key: 'promoto.session', newValue: JSON.stringify(refreshed) }));
    expect(session.token()).toBe(refreshed.accessToken);
    expect(session.sessionId()).toBe('session-1');
    window.dispatchEvent(new StorageEvent('storage', { key: 'promoto.session', newValue: null }));
    expect(session.user()).toBeNull();
    expect(router.navigate).toHaveBeenCalledWith(['/login']);
  });

  it('expires back to /login with the message, and logs out without one', () => {
    const { session, router } = createSession();
    session.start(auth(token()));
    session.expire();
    expect(session.user()).toBeNull();
    expect(localStorage.getItem('promoto.session')).toBeNull();
    expect(router.navigate).toHaveBeenCalledWith(['/login']);
    expect(session.notice()).toBe(fr.errors.sessionExpired);

    session.start(auth(token()));
    session.logout();
    expect(session.user()).toBeNull();
    expect(session.notice()).toBeNull();
  });
});
