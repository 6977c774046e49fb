import type { Route } from '@angular/router';
import { pageLoaders } from './page-chunk';

const loader = (name: string) => Object.assign(() => Promise.resolve(name), { page: name });
const names = (routes: Route[], path: string) =>
  pageLoaders(routes, path).map((load) => (load as ReturnType<typeof loader>).page);

const routes: Route[] = [
  { path: '', children: [{ path: 'login', loadComponent: loader('login') }] },
  {
    path: 'admin',
    loadComponent: loader('admin-layout'),
    children: [{ path: 'reports', loadComponent: loader('reports') }],
  },
  {
    path: '',
    children: [
      {
        path: 'app',
        children: [
          { path: 'messages', loadComponent: loader('messages') },
          { path: 'garage/:id', loadComponent: loader('garage') },
          { path: 'vehicles/:id/edit', loadComponent: loader('vehicle-form') },
          { path: '', pathMatch: 'full', redirectTo: 'appointments' },
        ],
      },
    ],
  },
  { path: '**', children: [] },
];

describe('pageLoaders', () => {
  it('finds the page of a path through empty parents, ignoring the query and the fragment', () => {
    expect(names(routes, '/app/messages?user=abc#end')).toEqual(['messages']);
    expect(names(routes, '/login')).toEqual(['login']);
  });

  it('matches a parameter with any one segment', () => {
    expect(names(routes, '/app/garage/6b14')).toEqual(['garage']);
    expect(names(routes, '/app/vehicles/6b14/edit')).toEqual(['vehicle-form']);
    expect(names(routes, '/app/garage')).toEqual([]);
  });

  it('gives the layouts on the way before the page', () => {
    expect(names(routes, '/admin/reports')).toEqual(['admin-layout', 'reports']);
  });

  it('loads nothing for a redirect, an unknown path or the root', () => {
    expect(names(routes, '/app')).toEqual([]);
    expect(names(routes, '/nowhere')).toEqual([]);
    expect(names(routes, '/')).toEqual([]);
  });
});
