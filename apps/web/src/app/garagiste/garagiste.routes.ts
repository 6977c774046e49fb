import type { Route } from '@angular/router';
import { openLinkedThread } from '../chat/open-linked-thread';
import { fr } from '../i18n/fr';

/** The garagiste's messages page: MessagingLayout's inputs (conversations with clients, with the garage side's tools). */
export const garageMessagesInputs = {
  heading: fr.chat.garagePageTitle,
  link: '/garage/messages',
  peerField: 'clientId',
  garageTools: true,
} as const;

export const garagisteRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: `${fr.dashboard.title} · ${fr.appName}`,
    loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage),
  },
  {
    path: 'messages',
    title: `${fr.chat.garagePageTitle} · ${fr.appName}`,
    resolve: { thread: openLinkedThread },
    // As the client's: the layout itself, with no wrapper's chunk before the thread's own.
    data: garageMessagesInputs,
    loadComponent: () => import('../chat/messaging-layout/messaging-layout').then((m) => m.MessagingLayout),
  },
  {
    path: 'quick-replies',
    title: `${fr.quickReplies.title} · ${fr.appName}`,
    loadComponent: () => import('./quick-replies/quick-replies-page').then((m) => m.QuickRepliesPage),
  },
  {
    path: 'team',
    title: `${fr.team.title} · ${fr.appName}`,
    loadComponent: () => import('./team/team-page').then((m) => m.TeamPage),
  },
  {
    path: 'hours',
    title: `${fr.openingHours.title} · ${fr.appName}`,
    loadComponent: () => import('./opening-hours/opening-hours-page').then((m) => m.OpeningHoursPage),
  },
  {
    path: 'reminders',
    title: `${fr.reminders.title} · ${fr.appName}`,
    loadComponent: () => import('./reminders/reminders-page').then((m) => m.RemindersPage),
  },
  {
    path: 'settings',
    title: `${fr.settings.title} · ${fr.appName}`,
    loadComponent: () => import('../settings/settings-page').then((m) => m.SettingsPage),
  },
];
