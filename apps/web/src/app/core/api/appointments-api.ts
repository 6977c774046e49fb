import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AppointmentStatus,
  AppointmentView,
  CreateAppointmentRequest,
  UpdateAppointmentStatusRequest,
} from '@promoto/shared-dto';
import { API_URL } from './api-url';

@Injectable({ providedIn: 'root' })
export class AppointmentsApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_URL}/appointments`;

  create(request: CreateAppointmentRequest) {
    return this.http.post<AppointmentView>(this.url, request);
  }

  /** A client's own bookings, or a garagiste's garage bookings, sorted by date. */
  list() {
    return this.http.get<AppointmentView[]>(this.url);
  }

  updateStatus(id: string, status: AppointmentStatus) {
    const body: UpdateAppointmentStatusRequest = { status };
    return this.http.patch<AppointmentView>(`${this.url}/${encodeURIComponent(id)}/status`, body);
  }
}
