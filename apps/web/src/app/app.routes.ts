import type { Route } from '@angular/router';
import { authGuard, guestGuard, homeRedirect, roleGuard } from './core/auth/guards';
import { clientRoutes } from './client/client.routes';
import { garagisteRoutes } from './garagiste/garagiste.routes';
import { fr } from './i18n/fr';
import { GuestLayout } from './layout/guest-layout';
import { SignedInHost } from './session/signed-in-host';

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
        // What is kept about a person, why and how long: for visitors and signed-in people alike.
        path: 'donnees-personnelles',
        title: `${fr.personalData.title} · ${fr.appName}`,
        loadComponent: () => import('./personal-data/personal-data-page').then((m) => m.PersonalDataPage),
      },
      {
        // A suspended account's data export and deletion: it has no session, the page asks its password.
        path: 'compte-suspendu',
        title: `${fr.auth.suspended.title} · ${fr.appName}`,
        canActivate: [guestGuard],
        loadComponent: () => import('./suspended/suspended-account-page').then((m) => m.SuspendedAccountPage),
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
    // Moderation: admins only, without the messaging (an admin has none).
    path: 'admin',
    canActivate: [authGuard, roleGuard('admin')],
    loadComponent: () => import('./admin/admin-layout').then((m) => m.AdminLayout),
    loadChildren: () => import('./admin/admin.routes').then((m) => m.adminRoutes),
  },
  {
    path: '',
    // In the first bundle with the session's services (SignedInScope starts them with the app):
    // a signed-in page waits for its own chunk only. Socket.IO's client stays out (ChatSocket).
    component: SignedInHost,
    canActivate: [authGuard],
    children: [
      // The route tables are in the first bundle, their pages are not.
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
