import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  GarageResponsivenessView,
  GarageView,
  GaragesQuery,
  OpeningHoursRequest,
  OpeningHoursView,
} from '@promoto/shared-dto';
import { API_URL } from './api-url';
import { toParams } from './params';

@Injectable({ providedIn: 'root' })
export class GaragesApi {
  private readonly http = inject(HttpClient);

  list(query: GaragesQuery = {}) {
    return this.http.get<GarageView[]>(`${API_URL}/garages`, { params: toParams(query) });
  }

  get(id: string) {
    return this.http.get<GarageView>(`${API_URL}/garages/${encodeURIComponent(id)}`);
  }

  /** How fast the garage answers its clients: the last 30 days and the 30 before. */
  responsiveness(id: string) {
    return this.http.get<GarageResponsivenessView>(`${API_URL}/garages/${encodeURIComponent(id)}/responsiveness`);
  }

  /** Its weekly hours and closures (Monday to Saturday 8 h–19 h until an owner sets them). */
  openingHours(id: string) {
    return this.http.get<OpeningHoursView>(`${API_URL}/garages/${encodeURIComponent(id)}/opening-hours`);
  }

  /** An owner replaces the garage's hours and closures. */
  setOpeningHours(id: string, request: OpeningHoursRequest) {
    return this.http.put<OpeningHoursView>(`${API_URL}/garages/${encodeURIComponent(id)}/opening-hours`, request);
  }
}
