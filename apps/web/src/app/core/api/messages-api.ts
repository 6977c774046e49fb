import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ConversationView,
  ConversationsQuery,
  EditMessageRequest,
  HistoryQuery,
  MarkReadRequest,
  MarkReadResponse,
  MessageView,
  Page,
  SendMessageRequest,
  UnreadCountView,
} from '@promoto/shared-dto';
import { API_URL } from './api-url';
import { toParams } from './params';

@Injectable({ providedIn: 'root' })
export class MessagesApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_URL}/messages`;

  send(request: SendMessageRequest) {
    return this.http.post<MessageView>(this.url, request);
  }

  /** My conversations, most recently updated first. */
  conversations(query: ConversationsQuery = {}) {
    return this.http.get<Page<ConversationView>>(`${this.url}/conversations`, { params: toParams(query) });
  }

  /** Messages with that user, oldest first within the page (see HistoryQuery for the cursors). */
  history(userId: string, query: HistoryQuery = {}) {
    return this.http.get<Page<MessageView>>(`${this.url}/conversation/${encodeURIComponent(userId)}`, {
      params: toParams(query),
    });
  }

  /** My message's new content, within LIMITS.editWindowMs of sending. */
  edit(messageId: string, content: string) {
    const body: EditMessageRequest = { content };
    return this.http.patch<MessageView>(`${this.url}/${encodeURIComponent(messageId)}`, body);
  }

  /** Deletes my message; it stays in the thread as « Message supprimé ». */
  remove(messageId: string) {
    return this.http.delete<MessageView>(`${this.url}/${encodeURIComponent(messageId)}`);
  }

  markRead(userId: string) {
    const body: MarkReadRequest = { userId };
    return this.http.put<MarkReadResponse>(`${this.url}/read`, body);
  }

  unreadCount() {
    return this.http.get<UnreadCountView>(`${this.url}/unread-count`);
  }
}
