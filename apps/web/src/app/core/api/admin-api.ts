import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AdminAccountView, AdminReportView, AdminThreadPage, Page } from '@promoto/shared-dto';
import { API_URL } from './api-url';
import { toParams } from './params';

/** Moderation, for admins (`/api/admin`). */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  reports(cursor?: string) {
    return this.http.get<Page<AdminReportView>>(`${API_URL}/admin/reports`, { params: toParams({ cursor }) });
  }

  report(id: string) {
    return this.http.get<AdminReportView>(`${API_URL}/admin/reports/${id}`);
  }

  /** A page of the reported conversation, oldest first (each read is audited by the API). */
  thread(id: string, cursor?: string) {
    return this.http.get<AdminThreadPage>(`${API_URL}/admin/reports/${id}/messages`, { params: toParams({ cursor }) });
  }

  markHandled(id: string) {
    return this.http.post<AdminReportView>(`${API_URL}/admin/reports/${id}/handled`, null);
  }

  suspend(accountId: string, reason: string) {
    return this.http.post<AdminAccountView>(`${API_URL}/admin/accounts/${accountId}/suspension`, { reason });
  }

  reinstate(accountId: string, reason: string) {
    return this.http.post<AdminAccountView>(`${API_URL}/admin/accounts/${accountId}/reinstatement`, { reason });
  }
}
