import { DOCUMENT } from '@angular/common';
import { DestroyRef, inject, signal, type Signal } from '@angular/core';

/**
 * Whether a CSS media query matches, followed live (in an injection context: the listener goes
 * with its injector). False where the browser has no `matchMedia` (jsdom).
 */
export function mediaQuery(query: string): Signal<boolean> {
  const list = inject(DOCUMENT).defaultView?.matchMedia?.(query) ?? null;
  const matches = signal(list?.matches ?? false);
  const onChange = (event: MediaQueryListEvent) => matches.set(event.matches);
  list?.addEventListener('change', onChange);
  inject(DestroyRef).onDestroy(() => list?.removeEventListener('change', onChange));
  return matches.asReadonly();
}
