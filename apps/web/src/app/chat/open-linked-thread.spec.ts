import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  NavigationCancel,
  NavigationCancellationCode,
  NavigationEnd,
  Router,
  convertToParamMap,
  provideRouter,
  type ActivatedRouteSnapshot,
  type RouterStateSnapshot,
} from '@angular/router';
import type { UserView } from '@promoto/shared-dto';
import { Subject } from 'rxjs';
import { ME, PEER, chatTransports } from '../../testing/chat-fakes';
import { Session } from '../core/auth/session';
import { SignedInScope } from '../session/signed-in-scope';
import { openLinkedThread } from './open-linked-thread';
import { ThreadStore } from './thread.store';

const camille: UserView = { id: ME, email: 'camille@example.test', name: 'Camille Martin', role: 'client' };

/** A signed-in session, and the resolver run as the router runs it for a page whose `?user=` is `peer`. */
function setUp() {
  const transports = chatTransports();
  const events = new Subject<unknown>();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      ...transports.providers,
      { provide: Session, useValue: { user: signal(camille), sessionId: signal('session-1') } },
    ],
  });
  TestBed.overrideProvider(Router, { useValue: { events } });
  TestBed.inject(SignedInScope);
  TestBed.tick();
  const thread = TestBed.inject(SignedInScope).injector()?.get(ThreadStore);
  if (!thread) throw new Error('no session');
  const resolve = (peer: string | null) =>
    TestBed.runInInjectionContext(() =>
      openLinkedThread(
        { queryParamMap: convertToParamMap(peer ? { user: peer } : {}) } as ActivatedRouteSnapshot,
        {} as RouterStateSnapshot,
      ),
    );
  return { ...transports, events, thread, resolve };
}

describe('openLinkedThread', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('opens the thread the link names at once, its newest page requested before the page exists', () => {
    const { api, thread, events, resolve } = setUp();
    expect(resolve(PEER)).toBe(true);
    expect(thread.openPeerId()).toBe(PEER);
    expect(api.history).toHaveBeenCalledWith(PEER, expect.objectContaining({ limit: expect.any(Number) }));

    events.next(new NavigationEnd(1, `/app/messages?user=${PEER}`, `/app/messages?user=${PEER}`));
    expect(thread.openPeerId()).toBe(PEER);
  });

  it('closes it again when the navigation ends elsewhere', () => {
    const { thread, events, resolve } = setUp();
    resolve(PEER);
    events.next(new NavigationCancel(1, `/app/messages?user=${PEER}`, '', NavigationCancellationCode.GuardRejected));
    expect(thread.openPeerId()).toBeNull();
  });

  it('opens nothing without a person named', () => {
    const { api, thread, resolve } = setUp();
    expect(resolve(null)).toBe(true);
    expect(thread.openPeerId()).toBeNull();
    expect(api.history).not.toHaveBeenCalled();
  });
});
