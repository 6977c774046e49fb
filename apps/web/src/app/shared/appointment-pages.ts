import { computed, inject, signal } from '@angular/core';
import type { AppointmentView, Page } from '@promoto/shared-dto';
import { describeError } from '../core/api/api-error';
import { AppointmentsApi } from '../core/api/appointments-api';
import { loadable } from '../core/loadable';

const FIRST_PAGE: Page<AppointmentView> = { items: [], nextCursor: null };

/**
 * The user's bookings, newest first, a page at a time: the first page loads with the page, « Voir
 * plus » appends the next. Call it in an injection context.
 */
export function appointmentPages() {
  const api = inject(AppointmentsApi);
  const pages = loadable(() => api.page(), FIRST_PAGE);
  const loadingMore = signal(false);
  const moreError = signal<string | null>(null);
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
      const page = pages.value();
      pages.set({ ...page, items: page.items.map((item) => (item.id === updated.id ? updated : item)) });
    },
  };
}
