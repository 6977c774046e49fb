import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/**
 * Whether the primary pointer is a finger (a phone or a tablet), as the `(pointer: coarse)` media
 * query says, followed live: Enter then adds a line in the composer and a long press opens my
 * message's actions, where a mouse and a keyboard have Enter to send and the hover menu.
 */
@Injectable({ providedIn: 'root' })
export class TouchScreen {
  private readonly query = inject(DOCUMENT).defaultView?.matchMedia?.('(pointer: coarse)') ?? null;
  private readonly coarse = signal(this.query?.matches ?? false);

  readonly primary = this.coarse.asReadonly();

  constructor() {
    const onChange = (event: MediaQueryListEvent) => this.coarse.set(event.matches);
    this.query?.addEventListener('change', onChange);
    inject(DestroyRef).onDestroy(() => this.query?.removeEventListener('change', onChange));
  }
}
