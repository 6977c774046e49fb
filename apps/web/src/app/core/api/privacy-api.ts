import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { DataExportView } from '@promoto/shared-dto';
import { map } from 'rxjs';
import { SuspendedAccess } from '../auth/suspended-access';
import { API_URL } from './api-url';

/**
 * « Mes données » and deleting one's account, as the signed-in session; on the suspended account's
 * page (which provides its own instance with SuspendedAccess), with that page's token instead.
 */
@Injectable({ providedIn: 'root' })
export class PrivacyApi {
  private readonly http = inject(HttpClient);
  private readonly suspendedAccess = inject(SuspendedAccess, { optional: true });
  private readonly url = `${API_URL}/me/data-exports`;

  /** My latest copy of my data; null when I never asked for one. */
  latestExport() {
    return this.http.get<DataExportView[]>(this.url, this.options()).pipe(map((copies) => copies[0] ?? null));
  }

  /** Deletes my account, confirmed by its password (204: its sessions have ended). */
  deleteAccount(password: string) {
    return this.http.delete<void>(`${API_URL}/me`, { ...this.options(), body: { password } });
  }

  requestExport() {
    return this.http.post<DataExportView>(this.url, {}, this.options());
  }

  private options() {
    const token = this.suspendedAccess?.token();
    return token ? { headers: { Authorization: `Bearer ${token}` } } : {};
  }
}
