import { inject } from '@angular/core';
import { NavigationCancel, NavigationEnd, NavigationError, Router, type ResolveFn } from '@angular/router';
import { filter, take } from 'rxjs';
import { SignedInScope } from '../session/signed-in-scope';
import { ThreadStore } from './thread.store';

/**
 * A messages page's resolver: opens the thread its `?user=` names as the navigation resolves,
 * before the page's chunk is loaded, so that the thread's newest page and the person's profile
 * are on their way meanwhile. It resolves at once (the navigation does not wait); MessagingLayout
 * then opens the same thread, which changes nothing, and closes it when the page goes. A
 * navigation that ends elsewhere (cancelled or failed) closes it again.
 */
export const openLinkedThread: ResolveFn<boolean> = (route) => {
  const peerId = route.queryParamMap.get('user');
  const thread = inject(SignedInScope).injector()?.get(ThreadStore);
  if (!peerId || !thread || thread.openPeerId() === peerId) return true;
  thread.open(peerId);
  inject(Router)
    .events.pipe(
      filter(
        (event) =>
          event instanceof NavigationEnd || event instanceof NavigationCancel || event instanceof NavigationError,
      ),
      take(1),
    )
    .subscribe((event) => {
      if (!(event instanceof NavigationEnd) && thread.openPeerId() === peerId) thread.close();
    });
  return true;
};
