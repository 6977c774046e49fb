import { inject } from '@angular/core';
import {
  NavigationCancel,
  NavigationEnd,
  NavigationError,
  NavigationStart,
  Router,
  type ResolveFn,
} from '@angular/router';
import { filter, first, take } from 'rxjs';
import { SignedInScope } from '../session/signed-in-scope';
import { BlocksStore } from './blocks.store';
import { EarlyBookings } from './early-bookings';
import { ThreadStore } from './thread.store';

/**
 * A messages page's resolver: opens the thread its `?user=` names as the navigation resolves,
 * before the page's chunk is loaded, so that the thread's newest page and the person's profile
 * are on their way meanwhile, and with them what the thread's first render shows beside its
 * messages: my bookings (the booking it concerns, the markers; see EarlyBookings) and my blocks
 * (« Bloquer » or « Débloquer »). It resolves at once (the navigation does not wait);
 * MessagingLayout then opens the same thread, which changes nothing, and closes it when the page
 * goes. A navigation that ends elsewhere (cancelled or failed) closes it again and drops the
 * bookings' answer.
 */
export const openLinkedThread: ResolveFn<boolean> = (route) => {
  const peerId = route.queryParamMap.get('user');
  const scope = inject(SignedInScope).injector();
  const thread = scope?.get(ThreadStore);
  if (!peerId || !scope || !thread || thread.openPeerId() === peerId) return true;
  thread.open(peerId);
  const bookings = scope.get(EarlyBookings);
  bookings.request();
  scope.get(BlocksStore).ensureLoaded();
  const events = inject(Router).events;
  events
    .pipe(
      filter(
        (event) =>
          event instanceof NavigationEnd || event instanceof NavigationCancel || event instanceof NavigationError,
      ),
      take(1),
    )
    .subscribe((event) => {
      if (event instanceof NavigationEnd) return;
      bookings.drop();
      if (thread.openPeerId() === peerId) thread.close();
    });
  // The page takes the bookings as it is created, which may follow the navigation's end (the
  // signed-in layout draws its outlet then): an answer it did not take goes at the next navigation.
  events.pipe(first((event) => event instanceof NavigationStart)).subscribe(() => bookings.drop());
  return true;
};
