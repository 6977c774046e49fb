import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, UrlTree, provideRouter, type ActivatedRouteSnapshot, type RouterStateSnapshot } from '@angular/router';
import type { UserView } from '@promoto/shared-dto';
import { authGuard, guestGuard, homeRedirect, roleGuard } from './guards';
import { Session } from './session';

const garagiste: UserView = { id: 'g1', email: 'g@example.test', name: 'Marc', role: 'garagiste', garageId: 'x' };

function run(guard: typeof authGuard, user: UserView | null, url = '/app/messages') {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({
    providers: [provideRouter([]), { provide: Session, useValue: { user: signal(user) } }],
  });
  const result = TestBed.runInInjectionContext(() =>
    guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
  );
  const router = TestBed.inject(Router);
  return result instanceof UrlTree ? router.serializeUrl(result) : result;
}

describe('guards', () => {
  it('sends a visitor to /login with the address to come back to', () => {
    expect(run(authGuard, null)).toBe('/login?returnUrl=%2Fapp%2Fmessages');
    expect(run(authGuard, garagiste)).toBe(true);
  });

  it('keeps each role in its own area', () => {
    expect(run(roleGuard('client'), garagiste)).toBe('/garage');
    expect(run(roleGuard('garagiste'), garagiste)).toBe(true);
  });

  it('sends a logged-in user away from login and register, and the root to their home', () => {
    expect(run(guestGuard, garagiste)).toBe('/garage');
    expect(run(guestGuard, null)).toBe(true);
    expect(run(homeRedirect, null)).toBe('/login');
    expect(run(homeRedirect, { ...garagiste, role: 'client' })).toBe('/app/appointments');
  });
});
