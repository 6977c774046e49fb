import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AttachmentView, DecideQuoteRequest, MessageView, QuoteView, SendQuoteRequest } from '@promoto/shared-dto';
import { API_URL } from './api-url';

/** Quotes (devis) sent in a thread (`/api/quotes`). */
@Injectable({ providedIn: 'root' })
export class QuotesApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_URL}/quotes`;

  /** A member of the garage sends a quote about a booking: answered as its message. */
  send(request: SendQuoteRequest) {
    return this.http.post<MessageView>(this.url, request);
  }

  /** The quote as it stands: its answers, replaced or expired. */
  get(id: string) {
    return this.http.get<QuoteView>(`${this.url}/${encodeURIComponent(id)}`);
  }

  /** The quote as a PDF: a signed link to download it. */
  document(id: string) {
    return this.http.get<AttachmentView>(`${this.url}/${encodeURIComponent(id)}/document`);
  }

  /** The client answers lines (all those left when lineIndexes is absent). */
  decide(id: string, request: DecideQuoteRequest) {
    return this.http.post<QuoteView>(`${this.url}/${encodeURIComponent(id)}/decisions`, request);
  }
}
