import type { Route } from '@angular/router';
import { openLinkedThread } from '../chat/open-linked-thread';
import { fr } from '../i18n/fr';

export const clientRoutes: Route[] = [
  {
    path: 'appointments',
    title: `${fr.appointments.title} · ${fr.appName}`,
    loadComponent: () => import('./appointments/appointments-page').then((m) => m.AppointmentsPage),
  },
  {
    path: 'garages',
    title: `${fr.garages.title} · ${fr.appName}`,
    loadComponent: () => import('./garages/garages-page').then((m) => m.GaragesPage),
  },
  {
    path: 'garage/:id',
    title: fr.appName,
    loadComponent: () => import('./garage/garage-page').then((m) => m.GaragePage),
  },
  {
    path: 'messages',
    title: `${fr.chat.clientPageTitle} · ${fr.appName}`,
    resolve: { thread: openLinkedThread },
    loadComponent: () => import('./messages/messages-page').then((m) => m.MessagesPage),
  },
  {
    path: 'settings',
    title: `${fr.settings.title} · ${fr.appName}`,
    loadComponent: () => import('../settings/settings-page').then((m) => m.SettingsPage),
  },
  { path: '', pathMatch: 'full', redirectTo: 'appointments' },
];
