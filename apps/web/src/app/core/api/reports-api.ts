import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateReportRequest, ReportView } from '@promoto/shared-dto';
import { API_URL } from './api-url';

/** Reporting a message or a conversation (`/api/reports`). */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  report(request: CreateReportRequest) {
    return this.http.post<ReportView>(`${API_URL}/reports`, request);
  }
}
