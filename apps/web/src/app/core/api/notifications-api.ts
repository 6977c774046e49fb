import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { NotificationPreferencesView, UpdateNotificationPreferencesRequest } from '@promoto/shared-dto';
import { API_URL } from './api-url';

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_URL}/notifications/preferences`;

  preferences() {
    return this.http.get<NotificationPreferencesView>(this.url);
  }

  updatePreferences(change: UpdateNotificationPreferencesRequest) {
    return this.http.put<NotificationPreferencesView>(this.url, change);
  }
}
