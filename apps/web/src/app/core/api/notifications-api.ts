import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  NotificationPreferencesView,
  PushPublicKeyView,
  PushSubscriptionRequest,
  UpdateNotificationPreferencesRequest,
} from '@promoto/shared-dto';
import { API_URL } from './api-url';

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_URL}/notifications`;

  preferences() {
    return this.http.get<NotificationPreferencesView>(`${this.url}/preferences`);
  }

  updatePreferences(change: UpdateNotificationPreferencesRequest) {
    return this.http.put<NotificationPreferencesView>(`${this.url}/preferences`, change);
  }

  pushPublicKey() {
    return this.http.get<PushPublicKeyView>(`${this.url}/push/public-key`);
  }

  subscribePush(subscription: PushSubscriptionRequest) {
    return this.http.post<void>(`${this.url}/push/subscriptions`, subscription);
  }

  unsubscribePush(endpoint: string) {
    return this.http.delete<void>(`${this.url}/push/subscriptions`, { body: { endpoint } });
  }
}
