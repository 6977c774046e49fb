import type { Route } from '@angular/router';
import { authGuard, guestGuard, homeRedirect, roleGuard } from './core/auth/guards';
import { clientRoutes } from './client/client.routes';
import { garagisteRoutes } from './garagiste/garagiste.routes';
import { fr } from './i18n/fr';
import { GuestLayout } from './layout/guest-layout';

export const appRoutes: Route[] = [
  {
    path: '',
    component: GuestLayout,
    children: [
      {
        path: 'login',
        title: `${fr.auth.login.title} · ${fr.appName}`,
        canActivate: [guestGuard],
        loadComponent: () => import('./auth/login/login-page').then((m) => m.LoginPage),
      },
      {
        path: 'register',
        title: `${fr.auth.register.title} · ${fr.appName}`,
        canActivate: [guestGuard],
        loadComponent: () => import('./auth/register/register-page').then((m) => m.RegisterPage),
      },
      {
        // An invitation's link: open whether signed in or not (the invited account may be this one).
        path: 'invitation',
        title: `${fr.invitation.title} · ${fr.appName}`,
        loadComponent: () => import('./invitation/invitation-page').then((m) => m.InvitationPage),
      },
    ],
  },
  {
    path: '',
    // Lazy: the chat, its socket and the session's services are not loaded for the login page.
    loadComponent: () => import('./session/signed-in-host').then((m) => m.SignedInHost),
    canActivate: [authGuard],
    children: [
      // The route tables are in the first bundle (their pages are not): a page's chunk and the
      // layout's load at once, not one after the other (a round trip less on a slow network).
      { path: 'app', canActivate: [roleGuard('client')], children: clientRoutes },
      { path: 'garage', canActivate: [roleGuard('garagiste')], children: garagisteRoutes },
      {
        // « Envoyer à… »: where the service worker sends what the phone shared to the app.
        path: 'share',
        title: `${fr.share.title} · ${fr.appName}`,
        loadComponent: () => import('./share/share-page').then((m) => m.SharePage),
      },
    ],
  },
  { path: '**', canActivate: [homeRedirect], children: [] },
];
