import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ERROR_CODES,
  LIMITS,
  type AppointmentStatus,
  type AppointmentView,
  type CreateAppointmentRequest,
  type ErrorCode,
  type FreeSlotsView,
  type Page,
  type RescheduleAppointmentRequest,
  type UpdateAppointmentStatusRequest,
} from '@promoto/shared-dto';
import { map } from 'rxjs';
import { errorCode } from './api-error';
import { API_URL } from './api-url';
import { toParams } from './params';

/** Refusals that say the slots shown are out of date (another booking took one meanwhile). */
const STALE_SLOT_CODES = new Set<ErrorCode>([
  ERROR_CODES.SLOT_TAKEN,
  ERROR_CODES.DUPLICATE_BOOKING,
  ERROR_CODES.OUTSIDE_OPENING_HOURS,
]);

/**
 * Whether a booking or a move was refused for its slot: the slot picker should read the slots
 * again. Beside the API rather than the picker, so that « Déplacer », whose picker loads only when
 * its dialog opens, reads the refusal without loading the picker.
 */
export function isSlotRefusal(error: unknown): boolean {
  const code = errorCode(error);
  return code !== null && STALE_SLOT_CODES.has(code);
}

@Injectable({ providedIn: 'root' })
export class AppointmentsApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_URL}/appointments`;

  create(request: CreateAppointmentRequest) {
    return this.http.post<AppointmentView>(this.url, request);
  }

  /** A page of a client's own bookings, or of a garagiste's garage bookings, newest booking first. */
  page(cursor?: string) {
    return this.http.get<Page<AppointmentView>>(this.url, { params: toParams({ cursor }) });
  }

  /** The newest bookings (one page of the largest size), to name the bookings a conversation is about. */
  list() {
    return this.http
      .get<Page<AppointmentView>>(this.url, { params: toParams({ limit: LIMITS.appointmentPageMaxSize }) })
      .pipe(map((page) => page.items));
  }

  get(id: string) {
    return this.http.get<AppointmentView>(`${this.url}/${encodeURIComponent(id)}`);
  }

  /** `reason`, when given, ends the notice the other person gets. */
  updateStatus(id: string, status: AppointmentStatus, reason?: string) {
    const body: UpdateAppointmentStatusRequest = { status, ...(reason ? { reason } : {}) };
    return this.http.patch<AppointmentView>(`${this.url}/${encodeURIComponent(id)}/status`, body);
  }

  /** Moves a booking to another free slot (`scheduledAt`, an ISO date and time). */
  reschedule(id: string, scheduledAt: string) {
    const body: RescheduleAppointmentRequest = { scheduledAt };
    return this.http.patch<AppointmentView>(`${this.url}/${encodeURIComponent(id)}/schedule`, body);
  }

  /** The garage's free slots for `days` days from `from` (`YYYY-MM-DD`, in the garage's time zone). */
  freeSlots(garageId: string, from: string, days: number) {
    return this.http.get<FreeSlotsView>(`${API_URL}/garages/${encodeURIComponent(garageId)}/slots`, {
      params: toParams({ from, days }),
    });
  }
}
