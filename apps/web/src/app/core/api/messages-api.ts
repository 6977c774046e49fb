import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AssignConversationRequest,
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

  /** My conversations in a folder (the inbox when none), most recently updated first. */
  conversations(query: ConversationsQuery = {}) {
    return this.http.get<Page<ConversationView>>(`${this.url}/conversations`, { params: toParams(query) });
  }

  /** Messages with that user, oldest first within the page (see HistoryQuery for the cursors). */
  history(userId: string, query: HistoryQuery = {}) {
    return this.http.get<Page<MessageView>>(`${this.url}/conversation/${encodeURIComponent(userId)}`, {
      params: toParams(query),
    });
  }

  /** Files my conversation with that user under « Archivées » (garagistes); a new message brings it back. */
  archive(userId: string) {
    return this.http.put<ConversationView>(`${this.url}/conversation/${encodeURIComponent(userId)}/archive`, null);
  }

  /** Assigns my garage's conversation with that client to a member of my garage, or to nobody (null). */
  assign(userId: string, assigneeId: string | null) {
    const body: AssignConversationRequest = { assigneeId };
    return this.http.put<ConversationView>(`${this.url}/conversation/${encodeURIComponent(userId)}/assignee`, body);
  }

  /** Puts my conversation with that user back in the inbox. */
  unarchive(userId: string) {
    return this.http.delete<ConversationView>(`${this.url}/conversation/${encodeURIComponent(userId)}/archive`);
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
