import { computed, type Signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { Observable } from 'rxjs';
import { describeError } from './api/api-error';

/** Where any load stands, for pages and for the chat's list and threads alike. */
export type LoadStatus = 'loading' | 'ready' | 'error';

export interface Loadable<T> {
  readonly value: Signal<T>;
  readonly status: Signal<LoadStatus>;
  /** A French sentence when the last load failed. */
  readonly error: Signal<string | null>;
  reload(): void;
  /** Replaces the value after a local change the server confirmed. */
  set(value: T): void;
}

/**
 * Data a page loads once (and again on "Réessayer"), as signals over Angular's rxResource.
 * With `params` (a search), a new value loads again at once, the load in flight cancelled: a
 * reload would be ignored while one is in flight. Call it in an injection context: the request is
 * cancelled when the page goes away.
 */
export function loadable<T, P = true>(
  request: (params: P) => Observable<T>,
  initial: T,
  params: () => P = () => true as P,
): Loadable<T> {
  const resource = rxResource({ params, stream: ({ params }) => request(params), defaultValue: initial });
  return {
    // A resource in error has no value; the page shows its error with the initial value.
    value: computed(() => (resource.hasValue() ? resource.value() : initial)),
    status: computed(() => {
      const status = resource.status();
      return status === 'error' ? 'error' : status === 'resolved' || status === 'local' ? 'ready' : 'loading';
    }),
    error: computed(() => {
      const error = resource.error();
      return error ? describeError(error) : null;
    }),
    reload: () => void resource.reload(),
    set: (next) => resource.set(next),
  };
}
