import { computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AppointmentView, Page } from '@promoto/shared-dto';
import { EMPTY, catchError, filter, mergeMap } from 'rxjs';
import { ChatSession } from '../chat/chat-session';
import { describeError } from '../core/api/api-error';
import { AppointmentsApi } from '../core/api/appointments-api';
import { loadable } from '../core/loadable';

const FIRST_PAGE: Page<AppointmentView> = { items: [], nextCursor: null };

/**
 * The user's bookings, newest first, a page at a time: the first page loads with the page, « Voir
 * plus » appends the next. They follow the booking events live: each booking notice that arrives
 * (`new-message` of kind 'booking-event', whoever made the change, in whatever tab) brings the
 * booking as it is now, in place, or first when it is new; after a reconnection the first page is
 * read again. Call it in an injection context.
 */
export function appointmentPages() {
  const api = inject(AppointmentsApi);
  const chat = inject(ChatSession);
  const pages = loadable(() => api.page(), FIRST_PAGE);
  const loadingMore = signal(false);
  const moreError = signal<string | null>(null);

  /** Puts bookings the server sent in place of the listed ones; those not listed yet go first. */
  const upsert = (fresh: readonly AppointmentView[]) => {
    const page = pages.value();
    const known = new Set(page.items.map((item) => item.id));
    const byId = new Map(fresh.map((item) => [item.id, item]));
    const added = fresh.filter((item) => !known.has(item.id));
    pages.set({ ...page, items: [...added, ...page.items.map((item) => byId.get(item.id) ?? item)] });
  };
  chat.bookingChanged$
    .pipe(
      filter(() => pages.status() === 'ready'),
      // A booking that cannot be read now stays as shown: the next event or reconnection brings it.
      mergeMap((id) => api.get(id).pipe(catchError(() => EMPTY))),
      takeUntilDestroyed(),
    )
    .subscribe((booking) => upsert([booking]));
  chat.connected$
    .pipe(
      filter(() => pages.status() === 'ready'),
      mergeMap(() => api.page().pipe(catchError(() => EMPTY))),
      takeUntilDestroyed(),
    )
    .subscribe((page) => upsert(page.items));

  return {
    ...pages,
    items: computed(() => pages.value().items),
    hasMore: computed(() => pages.value().nextCursor !== null),
    loadingMore: loadingMore.asReadonly(),
    moreError: moreError.asReadonly(),
    loadMore(): void {
      const { items, nextCursor } = pages.value();
      if (!nextCursor || loadingMore()) return;
      loadingMore.set(true);
      moreError.set(null);
      api.page(nextCursor).subscribe({
        next: (next) => {
          loadingMore.set(false);
          pages.set({ items: [...items, ...next.items], nextCursor: next.nextCursor });
        },
        error: (error: unknown) => {
          loadingMore.set(false);
          moreError.set(describeError(error));
        },
      });
    },
    /** Puts a booking the server just changed in place of the listed one. */
    replace(updated: AppointmentView): void {
      upsert([updated]);
    },
  };
}
