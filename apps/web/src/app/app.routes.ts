import type { Route } from '@angular/router';
import { authGuard, guestGuard, homeRedirect, roleGuard } from './core/auth/guards';
import { fr } from './i18n/fr';

export const appRoutes: Route[] = [
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
    path: 'app',
    canActivate: [authGuard, roleGuard('client')],
    loadChildren: () => import('./client/client.routes').then((m) => m.clientRoutes),
  },
  {
    path: 'garage',
    canActivate: [authGuard, roleGuard('garagiste')],
    loadChildren: () => import('./garagiste/garagiste.routes').then((m) => m.garagisteRoutes),
  },
  { path: '**', canActivate: [homeRedirect], children: [] },
];
