import type { Route } from '@angular/router';

/**
 * The lazy components on the way to the page that `path` opens (its layouts first), found the
 * way the router matches a path without guards nor redirects: literal segments, `:param` for any
 * one segment, and empty paths that stand for their children.
 */
export function pageLoaders(routes: readonly Route[], path: string): (() => unknown)[] {
  const segments = path.split(/[?#]/)[0].split('/').filter(Boolean);
  return match(routes, segments) ?? [];
}

function match(routes: readonly Route[], segments: readonly string[]): (() => unknown)[] | null {
  for (const route of routes) {
    if (route.redirectTo !== undefined || route.path === undefined || route.path === '**') continue;
    const own = route.path.split('/').filter(Boolean);
    if (own.length > segments.length) continue;
    if (!own.every((part, index) => part.startsWith(':') || part === segments[index])) continue;
    const rest = segments.slice(own.length);
    const loader = route.loadComponent ? [route.loadComponent] : [];
    if (route.children) {
      const below = match(route.children, rest);
      if (below) return [...loader, ...below];
    }
    if (rest.length === 0 && !route.children) return loader;
  }
  return null;
}

/**
 * Asks for the chunks of the page the address opens before the app bootstraps: a deep link's page
 * then arrives while the bootstrap runs instead of being asked for at its end. The router's own
 * `loadComponent` later gets the same modules from the browser's module map.
 */
export function preloadPageChunks(routes: readonly Route[], path: string): void {
  for (const load of pageLoaders(routes, path)) void Promise.resolve(load()).catch(() => undefined);
}
