import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  NavigationCancel,
  NavigationCancellationCode,
  NavigationEnd,
  NavigationStart,
  Router,
  convertToParamMap,
  provideRouter,
  type ActivatedRouteSnapshot,
  type RouterStateSnapshot,
} from '@angular/router';
import type { AppointmentView, UserView } from '@promoto/shared-dto';
import { Subject, firstValueFrom, of } from 'rxjs';
import { ME, OTHER_PEER, PEER, chatTransports } from '../../testing/chat-fakes';
import { AppointmentsApi } from '../core/api/appointments-api';
import { Session } from '../core/auth/session';
import { SignedInScope } from '../session/signed-in-scope';
import { BlocksStore } from './blocks.store';
import { EarlyBookings } from './early-bookings';
import { openLinkedThread } from './open-linked-thread';
import { ThreadStore } from './thread.store';

const camille: UserView = { id: ME, email: 'camille@example.test', name: 'Camille Martin', role: 'client' };
const booking = { id: 'a00000000000000000000001', garageId: PEER, service: 'Vidange' } as AppointmentView;

/** A signed-in session, and the resolver run as the router runs it for a page whose `?user=` is `peer`. */
function setUp() {
  const transports = chatTransports();
  const events = new Subject<unknown>();
  const appointments = { list: jest.fn(() => of([booking])) };
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      ...transports.providers,
      { provide: AppointmentsApi, useValue: appointments },
      { provide: Session, useValue: { user: signal(camille), sessionId: signal('session-1') } },
    ],
  });
  TestBed.overrideProvider(Router, { useValue: { events } });
  TestBed.inject(SignedInScope);
  TestBed.tick();
  const scope = TestBed.inject(SignedInScope).injector();
  if (!scope) throw new Error('no session');
  const thread = scope.get(ThreadStore);
  const resolve = (peer: string | null) =>
    TestBed.runInInjectionContext(() =>
      openLinkedThread(
        { queryParamMap: convertToParamMap(peer ? { user: peer } : {}) } as ActivatedRouteSnapshot,
        {} as RouterStateSnapshot,
      ),
    );
  return { ...transports, appointments, events, thread, scope, resolve };
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

  it('asks for my bookings and my blocks with it; the page takes the bookings asked for, once', async () => {
    const { appointments, blocks, scope, resolve } = setUp();
    resolve(PEER);
    expect(appointments.list).toHaveBeenCalledTimes(1);
    expect(blocks.list).toHaveBeenCalledTimes(1);
    // The thread's window, created later, finds them on their way.
    scope.get(BlocksStore).ensureLoaded();
    expect(blocks.list).toHaveBeenCalledTimes(1);

    const early = scope.get(EarlyBookings);
    await expect(firstValueFrom(early.take())).resolves.toEqual([booking]);
    expect(appointments.list).toHaveBeenCalledTimes(1);
    // A page made later asks for its own.
    await expect(firstValueFrom(early.take())).resolves.toEqual([booking]);
    expect(appointments.list).toHaveBeenCalledTimes(2);
  });

  it('keeps the bookings for a page made after the navigation ended, until the next navigation starts', async () => {
    const { appointments, events, scope, resolve } = setUp();
    resolve(PEER);
    const early = scope.get(EarlyBookings);
    events.next(new NavigationEnd(1, `/app/messages?user=${PEER}`, `/app/messages?user=${PEER}`));
    await firstValueFrom(early.take());
    expect(appointments.list).toHaveBeenCalledTimes(1);

    resolve(OTHER_PEER);
    events.next(new NavigationEnd(2, `/app/messages?user=${OTHER_PEER}`, `/app/messages?user=${OTHER_PEER}`));
    events.next(new NavigationStart(3, '/app/appointments'));
    await firstValueFrom(early.take());
    expect(appointments.list).toHaveBeenCalledTimes(3);
  });

  it('closes it again when the navigation ends elsewhere, and drops the bookings asked for', async () => {
    const { appointments, thread, events, scope, resolve } = setUp();
    resolve(PEER);
    events.next(new NavigationCancel(1, `/app/messages?user=${PEER}`, '', NavigationCancellationCode.GuardRejected));
    expect(thread.openPeerId()).toBeNull();
    await firstValueFrom(scope.get(EarlyBookings).take());
    expect(appointments.list).toHaveBeenCalledTimes(2);
  });

  it('opens nothing without a person named', () => {
    const { api, appointments, blocks, thread, resolve } = setUp();
    expect(resolve(null)).toBe(true);
    expect(thread.openPeerId()).toBeNull();
    expect(api.history).not.toHaveBeenCalled();
    expect(appointments.list).not.toHaveBeenCalled();
    expect(blocks.list).not.toHaveBeenCalled();
  });
});
