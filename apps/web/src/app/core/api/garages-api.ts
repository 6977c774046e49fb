import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { GarageResponsivenessView, GarageView, GaragesQuery } from '@promoto/shared-dto';
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
}
