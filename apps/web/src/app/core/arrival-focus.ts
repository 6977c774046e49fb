import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { TouchScreen } from './touch-screen';

/** How long a page may take to show what focus goes to (a heading that waits for its data). */
const WAIT_MS = 5_000;
/** The composer of an open thread, and the thread's heading. */
const COMPOSER = '#chat-composer';
const THREAD_HEADING = '#chat-title';
const PAGE_HEADING = 'main h1';

/**
 * Where focus goes when a navigation inside the app shows a page, as messengers do: the composer
 * of the thread just opened (its heading on a touch screen, where focusing the composer would
 * open the keyboard over the messages), else the page's main heading, so that the next Tab starts
 * from the page and a screen reader reads where it arrived. The first page of a visit keeps the
 * browser's own start (the skip link first). Focus someone moved meanwhile is left where it is.
 */
@Injectable({ providedIn: 'root' })
export class ArrivalFocus {
  private readonly document = inject(DOCUMENT);
  private readonly touch = inject(TouchScreen).primary;
  private frame: number | undefined;

  constructor() {
    const router = inject(Router);
    let first = true;
    const subscription = router.events.subscribe((event) => {
      if (!(event instanceof NavigationEnd)) return;
      if (first) {
        first = false;
        return;
      }
      const threadOpened = router.parseUrl(event.urlAfterRedirects).queryParamMap.has('user');
      this.focusWhenShown(threadOpened ? (this.touch() ? THREAD_HEADING : COMPOSER) : PAGE_HEADING);
    });
    inject(DestroyRef).onDestroy(() => {
      subscription.unsubscribe();
      this.cancel();
    });
  }

  private focusWhenShown(selector: string): void {
    this.cancel();
    const window = this.document.defaultView;
    if (!window) return;
    const startedAt = Date.now();
    const focusedBefore = this.document.activeElement;
    const attempt = () => {
      this.frame = undefined;
      const focused = this.document.activeElement;
      if (focused && focused !== this.document.body && focused !== focusedBefore && focused.isConnected) return;
      const target = this.document.querySelector<HTMLElement>(selector);
      if (target) {
        if (!target.matches('a[href], button, input, select, textarea, [tabindex]')) target.tabIndex = -1;
        target.focus();
        return;
      }
      if (Date.now() - startedAt < WAIT_MS) this.frame = window.requestAnimationFrame(attempt);
    };
    this.frame = window.requestAnimationFrame(attempt);
  }

  private cancel(): void {
    if (this.frame !== undefined) this.document.defaultView?.cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }
}
