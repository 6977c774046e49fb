import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateQuickReplyRequest,
  QuickRepliesView,
  QuickReplyView,
  ReorderQuickRepliesRequest,
  UpdateQuickReplyRequest,
} from '@promoto/shared-dto';
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

  create(request: CreateQuickReplyRequest) {
    return this.http.post<QuickReplyView>(this.url, request);
  }

  update(id: string, request: UpdateQuickReplyRequest) {
    return this.http.patch<QuickReplyView>(`${this.url}/${encodeURIComponent(id)}`, request);
  }

  remove(id: string) {
    return this.http.delete<void>(`${this.url}/${encodeURIComponent(id)}`);
  }

  /** Every reply's id once, in the new order. */
  reorder(ids: string[]) {
    const body: ReorderQuickRepliesRequest = { ids };
    return this.http.put<QuickReplyView[]>(`${this.url}/order`, body);
  }
}
