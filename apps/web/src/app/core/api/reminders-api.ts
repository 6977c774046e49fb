import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateReminderRequest, ReminderView } from '@promoto/shared-dto';
import { API_URL } from './api-url';

/** A garage's reminders on its clients' vehicles (`/api/reminders`). */
@Injectable({ providedIn: 'root' })
export class RemindersApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_URL}/reminders`;

  /** The garage's reminders still to come, soonest first. */
  upcoming() {
    return this.http.get<ReminderView[]>(this.url);
  }

  schedule(request: CreateReminderRequest) {
    return this.http.post<ReminderView>(this.url, request);
  }

  cancel(id: string) {
    return this.http.delete<void>(`${this.url}/${encodeURIComponent(id)}`);
  }
}
