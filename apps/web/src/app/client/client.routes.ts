import type { Route } from '@angular/router';
import { openLinkedThread } from '../chat/open-linked-thread';
import { fr } from '../i18n/fr';

/** The client's messages page: MessagingLayout's inputs (conversations with garages, without the garage side's tools). */
export const clientMessagesInputs = {
  heading: fr.chat.clientPageTitle,
  link: '/app/messages',
  peerField: 'garageId',
  garageTools: false,
} as const;

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
    // The messaging layout is the page itself, its inputs given by the route, for both roles: a
    // wrapper component would be one more chunk for the thread to wait for before its own (and a
    // layout imported by a page as well as by a route is reached through one more).
    data: clientMessagesInputs,
    loadComponent: () => import('../chat/messaging-layout/messaging-layout').then((m) => m.MessagingLayout),
  },
  {
    path: 'vehicles',
    title: `${fr.vehicles.title} · ${fr.appName}`,
    loadComponent: () => import('./vehicles/vehicles-page').then((m) => m.VehiclesPage),
  },
  {
    path: 'vehicles/new',
    title: `${fr.vehicles.addTitle} · ${fr.appName}`,
    loadComponent: () => import('./vehicles/vehicle-form-page').then((m) => m.VehicleFormPage),
  },
  {
    path: 'vehicles/:id/edit',
    title: `${fr.vehicles.editTitle} · ${fr.appName}`,
    loadComponent: () => import('./vehicles/vehicle-form-page').then((m) => m.VehicleFormPage),
  },
  {
    path: 'settings',
    title: `${fr.settings.title} · ${fr.appName}`,
    loadComponent: () => import('../settings/settings-page').then((m) => m.SettingsPage),
  },
  { path: '', pathMatch: 'full', redirectTo: 'appointments' },
];
