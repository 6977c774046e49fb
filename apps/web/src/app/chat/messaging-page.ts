import { DestroyRef, computed, effect, inject, untracked, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { AppointmentView } from '@promoto/shared-dto';
import { catchError, of } from 'rxjs';
import { AppointmentsApi } from '../core/api/appointments-api';
import { ChatStore } from './chat.store';

/**
 * What MessagesPage and GarageMessagesPage share; call in their constructor. Opens the thread
 * named by the page's `?user=`, closes it when the page goes (so that new messages stop
 * counting as read), and returns my bookings with that person for the thread's markers.
 */
export function setUpMessagingPage(
  peerId: Signal<string | undefined>,
  peerField: 'garagisteId' | 'clientId',
): Signal<AppointmentView[]> {
  const store = inject(ChatStore);
  effect(() => {
    const peer = peerId();
    untracked(() => (peer ? store.openThread(peer) : store.closeThread()));
  });
  inject(DestroyRef).onDestroy(() => store.closeThread());

  // Bookings only name and link messages; the chat works without them, so a failure stays silent.
  const bookings = toSignal(
    inject(AppointmentsApi)
      .list()
      .pipe(catchError(() => of([] as AppointmentView[]))),
    { initialValue: [] as AppointmentView[] },
  );
  return computed(() => bookings().filter((booking) => booking[peerField] === peerId()));
}
