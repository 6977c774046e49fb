import { effect, inject, provideAppInitializer, untracked, type EnvironmentProviders } from '@angular/core';
import { provideSocketIo } from 'ngx-socket-io';
import { Session } from '../core/auth/session';
import { ChatSocket, SOCKET_OPTIONS } from '../core/realtime/chat-socket';
import { ChatSession } from './chat-session';

/**
 * The socket (not connected until login) and the chat session, started for the logged-in user,
 * stopped on logout, and ending the session when the socket server refuses the token.
 */
export function provideChat(): EnvironmentProviders[] {
  return [
    provideSocketIo(SOCKET_OPTIONS),
    provideAppInitializer(() => {
      const session = inject(Session);
      const chat = inject(ChatSession);
      inject(ChatSocket).authRefused$.subscribe(() => session.expire());
      effect(() => {
        const user = session.user();
        const token = session.token();
        untracked(() => (user && token ? chat.start(user.id, token) : chat.stop()));
      });
    }),
  ];
}
