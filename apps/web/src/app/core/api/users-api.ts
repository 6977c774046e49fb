import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ConversationParticipant } from '@promoto/shared-dto';
import { API_URL } from './api-url';

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  /** The public profile of someone I may talk to (the same shape as a conversation's other user). */
  get(id: string) {
    return this.http.get<ConversationParticipant>(`${API_URL}/users/${encodeURIComponent(id)}`);
  }
}
