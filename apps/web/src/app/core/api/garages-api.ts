import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  GaragePage,
  GarageResponsivenessView,
  GarageView,
  GaragesPageQuery,
  OpeningHoursRequest,
  OpeningHoursView,
} from '@promoto/shared-dto';
import { API_URL } from './api-url';
import { toParams } from './params';

@Injectable({ providedIn: 'root' })
export class GaragesApi {
  private readonly http = inject(HttpClient);

  /** A page of the garages a search finds, by name, with how many it finds in all. */
  search(query: GaragesPageQuery = {}) {
    return this.http.get<GaragePage>(`${API_URL}/garages/search`, { params: toParams(query) });
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
