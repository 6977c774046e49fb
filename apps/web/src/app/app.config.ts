import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  inject,
  isDevMode,
  provideAppInitializer,
  provideEnvironmentInitializer,
  provideBrowserGlobalErrorListeners,
  type ApplicationConfig,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
import { appRoutes } from './app.routes';
import { AuthApi } from './core/api/auth-api';
import { authInterceptor } from './core/auth/auth.interceptor';
import { Session } from './core/auth/session';
import { SignedInScope } from './session/signed-in-scope';

/**
 * A session restored from storage gets its user refreshed (its tokens renewed first if need be; an
 * ended session goes to the login page), in the task after the app's bootstrap: the page's own
 * first requests (its chunk, the thread's newest page) go out before it.
 */
function refreshRestoredSession(): void {
  const session = inject(Session);
  if (!session.user()) return;
  const auth = inject(AuthApi);
  setTimeout(() =>
    auth.me().subscribe({
      next: (user) => session.refreshUser(user),
      // A session that cannot be renewed is ended by the interceptor; when the server is unreachable the stored user stays.
      error: () => undefined,
    }),
  );
}

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideHttpClient(withInterceptors([authInterceptor])),
    provideAppInitializer(refreshRestoredSession),
    // A stored session's services start with the app: its first requests (conversations, unread
    // total) go out while the page's chunk is still on its way.
    provideEnvironmentInitializer(() => inject(SignedInScope)),
    // Installation as an app, the share target and Web Push: service-worker.js (public/) receives
    // shares, then runs ngsw-worker.js, which only production builds have.
    provideServiceWorker('service-worker.js', {
      enabled: !isDevMode(),
      registrationStrategy: 'registerWhenStable:30000',
    }),
  ],
};
