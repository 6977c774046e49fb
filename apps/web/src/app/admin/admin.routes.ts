import type { Route } from '@angular/router';
import { fr } from '../i18n/fr';

/** The admins' pages, under /admin. */
export const adminRoutes: Route[] = [
  {
    path: '',
    title: `${fr.admin.reports.title} · ${fr.appName}`,
    loadComponent: () => import('./admin-reports-page').then((m) => m.AdminReportsPage),
  },
  {
    path: 'reports/:id',
    title: `${fr.admin.thread.title} · ${fr.appName}`,
    loadComponent: () => import('./admin-thread-page').then((m) => m.AdminThreadPage),
  },
];
