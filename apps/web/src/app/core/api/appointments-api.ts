import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  LIMITS,
  type AppointmentStatus,
  type AppointmentView,
  type CreateAppointmentRequest,
  type Page,
  type UpdateAppointmentStatusRequest,
} from '@promoto/shared-dto';
import { map } from 'rxjs';
import { API_URL } from './api-url';
import { toParams } from './params';

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

  updateStatus(id: string, status: AppointmentStatus) {
    const body: UpdateAppointmentStatusRequest = { status };
    return this.http.patch<AppointmentView>(`${this.url}/${encodeURIComponent(id)}/status`, body);
  }
}
