import { DestroyRef, Injectable, inject, signal } from '@angular/core';

const TICK_MS = 30_000;

/** The current time as a signal, so that "il y a 5 min" labels move on without a reload. */
@Injectable({ providedIn: 'root' })
export class Clock {
  private readonly current = signal(Date.now());
  readonly now = this.current.asReadonly();

  constructor() {
    const timer = setInterval(() => this.current.set(Date.now()), TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
