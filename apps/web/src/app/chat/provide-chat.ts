import { inject, provideAppInitializer, type EnvironmentProviders } from '@angular/core';
import { provideSocketIo } from 'ngx-socket-io';
import { Session } from '../core/auth/session';
import { ChatSocket, SOCKET_OPTIONS } from '../core/realtime/chat-socket';
import { ChatSession } from './chat-session';
import { ConversationsStore } from './conversations.store';
import { Drafts } from './drafts';
import { SessionScope } from './session-scope';
import { ThreadStore } from './thread.store';
import { TypingStore } from './typing.store';

/**
 * The socket, for the whole app: not connected until a session starts its ChatSession, and
 * ending the session when the socket server refuses the token.
 */
export function provideChat(): EnvironmentProviders[] {
  return [
    provideSocketIo(SOCKET_OPTIONS),
    provideAppInitializer(() => {
      const session = inject(Session);
      inject(ChatSocket).authRefused$.subscribe(() => session.expire());
    }),
  ];
}

/** The chat's services of one signed-in session (see SignedInScope); they need SIGNED_IN_USER. */
export const CHAT_SESSION_SERVICES = [
  SessionScope,
  Drafts,
  TypingStore,
  ConversationsStore,
  ThreadStore,
  ChatSession,
] as const;
