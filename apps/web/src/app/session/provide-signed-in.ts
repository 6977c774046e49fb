import {
  DestroyRef,
  InjectionToken,
  inject,
  provideEnvironmentInitializer,
  type EnvironmentProviders,
  type Provider,
  type ProviderToken,
} from '@angular/core';
import { ChatSession } from '../chat/chat-session';
import { CHAT_SESSION_SERVICES } from '../chat/provide-chat';
import { SIGNED_IN_USER, type SignedInUser } from '../core/auth/signed-in-user';
import { TabNotifier } from '../core/notifications/tab-notifier';
import { ChatSocket } from '../core/realtime/chat-socket';

/** What lives as long as a signed-in session: the chat and the tab's notifier. */
const SESSION_SERVICES: readonly ProviderToken<unknown>[] = [...CHAT_SESSION_SERVICES, TabNotifier];

/**
 * A signed-in session's injector: its socket (connected by ChatSession, closed with the injector)
 * and services, the messaging started in the task after the one that created the injector.
 */
export function provideSignedIn(user: SignedInUser): (Provider | EnvironmentProviders)[] {
  return [
    { provide: SIGNED_IN_USER, useValue: user },
    ChatSocket,
    ...CHAT_SESSION_SERVICES,
    TabNotifier,
    provideEnvironmentInitializer(() => {
      const chat = inject(ChatSession);
      inject(TabNotifier);
      // A stored session's injector is made in the app's bootstrap task, before the router's first
      // navigation: started in a task of its own, the session's requests (outbox, conversations,
      // unread total) let that task end sooner, and the page's own requests (its chunk, the
      // thread's newest page) go out first.
      const start = setTimeout(() => chat.start());
      inject(DestroyRef).onDestroy(() => clearTimeout(start));
    }),
  ];
}

/** How SignedInScope makes a session's injector: provideSignedIn; tests put fakes after it. */
export const SIGNED_IN_PROVIDERS = new InjectionToken<(user: SignedInUser) => (Provider | EnvironmentProviders)[]>(
  'SIGNED_IN_PROVIDERS',
  { providedIn: 'root', factory: () => provideSignedIn },
);

/**
 * For the signed-in layout, created with the session's injector: the pages of its router outlet
 * are created with their route's environment injector, so the layout hands them the session's
 * services as its own.
 */
export function forwardSessionServices(): Provider[] {
  return SESSION_SERVICES.map((token) => ({ provide: token, useFactory: () => inject(token, { skipSelf: true }) }));
}
