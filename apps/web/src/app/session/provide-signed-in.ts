import {
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

/** What lives as long as a signed-in session: the chat and the tab's notifier. */
const SESSION_SERVICES: readonly ProviderToken<unknown>[] = [...CHAT_SESSION_SERVICES, TabNotifier];

/** A signed-in session's injector: its services, the messaging started as the injector is created. */
export function provideSignedIn(user: SignedInUser): (Provider | EnvironmentProviders)[] {
  return [
    { provide: SIGNED_IN_USER, useValue: user },
    ...CHAT_SESSION_SERVICES,
    TabNotifier,
    provideEnvironmentInitializer(() => {
      inject(ChatSession).start();
      inject(TabNotifier);
    }),
  ];
}

/**
 * For the signed-in layout, created with the session's injector: the pages of its router outlet
 * are created with their route's environment injector, so the layout hands them the session's
 * services as its own.
 */
export function forwardSessionServices(): Provider[] {
  return SESSION_SERVICES.map((token) => ({ provide: token, useFactory: () => inject(token, { skipSelf: true }) }));
}
