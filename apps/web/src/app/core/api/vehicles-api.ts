import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { VehicleRequest, VehicleView } from '@promoto/shared-dto';
import { API_URL } from './api-url';

/** A client's vehicles (`/api/vehicles`). */
@Injectable({ providedIn: 'root' })
export class VehiclesApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_URL}/vehicles`;

  /** Mine, in the order I added them. */
  list() {
    return this.http.get<VehicleView[]>(this.url);
  }

  get(id: string) {
    return this.http.get<VehicleView>(`${this.url}/${encodeURIComponent(id)}`);
  }

  create(request: VehicleRequest) {
    return this.http.post<VehicleView>(this.url, request);
  }

  /** The whole vehicle: a mileage left out is cleared. */
  replace(id: string, request: VehicleRequest) {
    return this.http.put<VehicleView>(`${this.url}/${encodeURIComponent(id)}`, request);
  }

  remove(id: string) {
    return this.http.delete<void>(`${this.url}/${encodeURIComponent(id)}`);
  }
}
