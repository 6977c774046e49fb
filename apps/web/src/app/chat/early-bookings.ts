import { Injectable, inject } from '@angular/core';
import type { AppointmentView } from '@promoto/shared-dto';
import { ReplaySubject, type Observable } from 'rxjs';
import { AppointmentsApi } from '../core/api/appointments-api';

/**
 * The bookings a messages page names its threads' bookings from, asked for by the page's resolver
 * beside the thread's newest page: asked by the page itself, once its chunk had loaded and its
 * first render had run, they were the last round trip before the thread's first full paint on a
 * phone's first load. The page takes that answer once; a page made without it asks for its own.
 */
@Injectable()
export class EarlyBookings {
  private readonly api = inject(AppointmentsApi);
  private early: Observable<AppointmentView[]> | null = null;

  /** Sends the request now; its answer waits for the page's `take`. */
  request(): void {
    const answer = new ReplaySubject<AppointmentView[]>(1);
    this.api.list().subscribe(answer);
    this.early = answer;
  }

  /** The answer asked for early, the first time; afterwards (or without one) a request of its own. */
  take(): Observable<AppointmentView[]> {
    const early = this.early;
    this.early = null;
    return early ?? this.api.list();
  }

  /** Forgets the early request (its navigation ended elsewhere), so that no later page takes an old answer. */
  drop(): void {
    this.early = null;
  }
}
