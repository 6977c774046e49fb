import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { QuickRepliesView } from '@promoto/shared-dto';
import { API_URL } from './api-url';

/** A garagiste's saved replies (`/api/quick-replies`). */
@Injectable({ providedIn: 'root' })
export class QuickRepliesApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_URL}/quick-replies`;

  /** My garage's replies in order, with its name for `{garage}`. */
  list() {
    return this.http.get<QuickRepliesView>(this.url);
  }
}
