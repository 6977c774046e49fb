import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { DataExportView } from '@promoto/shared-dto';
import { map } from 'rxjs';
import { API_URL } from './api-url';

@Injectable({ providedIn: 'root' })
export class PrivacyApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_URL}/me/data-exports`;

  /** My latest copy of my data; null when I never asked for one. */
  latestExport() {
    return this.http.get<DataExportView[]>(this.url).pipe(map((copies) => copies[0] ?? null));
  }

  /** Deletes my account, confirmed by its password (204: its sessions have ended). */
  deleteAccount(password: string) {
    return this.http.delete<void>(`${API_URL}/me`, { body: { password } });
  }

  requestExport() {
    return this.http.post<DataExportView>(this.url, {});
  }
}
