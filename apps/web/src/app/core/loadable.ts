import { DestroyRef, inject, signal, type Signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import { describeError } from './api/api-error';

export interface Loadable<T> {
  readonly value: Signal<T>;
  readonly status: Signal<'loading' | 'ready' | 'error'>;
  /** A French sentence when the last load failed. */
  readonly error: Signal<string | null>;
  reload(): void;
  /** Replaces the value after a local change the server confirmed. */
  set(value: T): void;
}

/**
 * Data a page loads once (and again on "Réessayer"), as signals. Call it in an injection
 * context: the request is cancelled when the page goes away.
 */
export function loadable<T>(request: () => Observable<T>, initial: T): Loadable<T> {
  const value = signal(initial);
  const status = signal<'loading' | 'ready' | 'error'>('loading');
  const error = signal<string | null>(null);
  let subscription: Subscription | undefined;

  const reload = () => {
    subscription?.unsubscribe();
    status.set('loading');
    error.set(null);
    subscription = request().subscribe({
      next: (result) => {
        value.set(result);
        status.set('ready');
      },
      error: (failure: unknown) => {
        error.set(describeError(failure));
        status.set('error');
      },
    });
  };

  inject(DestroyRef).onDestroy(() => subscription?.unsubscribe());
  reload();
  return {
    value: value.asReadonly(),
    status: status.asReadonly(),
    error: error.asReadonly(),
    reload,
    set: (next) => value.set(next),
  };
}
