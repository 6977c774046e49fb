import type { Route } from '@angular/router';
import { authGuard, guestGuard, homeRedirect, roleGuard } from './core/auth/guards';
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
    ],
  },
  {
    path: '',
    component: SignedInHost,
    canActivate: [authGuard],
    children: [
      {
        path: 'app',
        canActivate: [roleGuard('client')],
        loadChildren: () => import('./client/client.routes').then((m) => m.clientRoutes),
      },
      {
        path: 'garage',
        canActivate: [roleGuard('garagiste')],
        loadChildren: () => import('./garagiste/garagiste.routes').then((m) => m.garagisteRoutes),
      },
    ],
  },
  { path: '**', canActivate: [homeRedirect], children: [] },
];
