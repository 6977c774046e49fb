import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuthResponse } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';
import { Session } from './session';
import { TokenRefresher } from './token-refresher';

const user = { id: 'a00000000000000000000001', email: 'c@example.test', name: 'Camille', role: 'client' as const };
const pair = (n: number): AuthResponse => ({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, user });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp() {
  TestBed.configureTestingModule({
    providers: [provideRouter([{ path: 'login', children: [] }]), provideHttpClient(), provideHttpClientTesting()],
  });
  const session = TestBed.inject(Session);
  session.start(pair(1));
  return { session, refresher: TestBed.inject(TokenRefresher), backend: TestBed.inject(HttpTestingController) };
}

describe('TokenRefresher', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    localStorage.clear();
  });

  it('sends the refresh token once however many callers saw the token expire, and stores the new pair', async () => {
    const { session, refresher, backend } = setUp();
    const renewals = [refresher.refresh('access-1'), refresher.refresh('access-1')];
    await flush();
    const call = backend.expectOne('/api/auth/refresh');
    expect(call.request.body).toEqual({ refreshToken: 'refresh-1' });
    call.flush(pair(2));
    expect(await Promise.all(renewals)).toEqual(['access-2', 'access-2']);
    expect(session.token()).toBe('access-2');
    expect(JSON.parse(localStorage.getItem('promoto.session') ?? '{}').refreshToken).toBe('refresh-2');
    // A caller that still holds the old token gets the new one without another refresh.
    expect(await refresher.refresh('access-1')).toBe('access-2');
    backend.verify();
  });

  it('takes the pair another tab stored meanwhile instead of sending a used refresh token', async () => {
    const { session, refresher, backend } = setUp();
    localStorage.setItem('promoto.session', JSON.stringify(pair(7)));
    expect(await refresher.refresh('access-1')).toBe('access-7');
    expect(session.token()).toBe('access-7');
    backend.verify();
  });

  it('ends the session when the server refuses the refresh', async () => {
    const { session, refresher, backend } = setUp();
    const renewal = refresher.refresh('access-1');
    await flush();
    backend
      .expectOne('/api/auth/refresh')
      .flush({ code: 'UNAUTHENTICATED', message: 'ended' }, { status: 401, statusText: 'Unauthorized' });
    expect(await renewal).toBeNull();
    expect(session.user()).toBeNull();
    expect(session.notice()).toBe(fr.errors.sessionExpired);
  });

  it('ends the session saying so when an admin suspended the account', async () => {
    const { session, refresher, backend } = setUp();
    const renewal = refresher.refresh('access-1');
    await flush();
    backend
      .expectOne('/api/auth/refresh')
      .flush(
        { statusCode: 403, code: 'ACCOUNT_SUSPENDED', message: 'This account is suspended.' },
        { status: 403, statusText: 'Forbidden' },
      );
    expect(await renewal).toBeNull();
    expect(session.user()).toBeNull();
    expect(session.notice()).toBe(fr.errors.accountSuspended);
  });

  it('keeps the session when the server cannot be reached', async () => {
    const { session, refresher, backend } = setUp();
    const renewal = refresher.refresh('access-1');
    await flush();
    backend.expectOne('/api/auth/refresh').error(new ProgressEvent('error'), { status: 0 });
    await expect(renewal).rejects.toBeDefined();
    expect(session.token()).toBe('access-1');
  });
});
