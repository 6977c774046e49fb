import { Injectable, computed, inject, signal } from '@angular/core';
import {
  LIMITS,
  type ConversationUpdatedEvent,
  type ConversationView,
  type MarkReadResponse,
  type MessagesReadEvent,
} from '@promoto/shared-dto';
import { describeError } from '../core/api/api-error';
import { MessagesApi } from '../core/api/messages-api';
import type { LoadStatus } from '../core/loadable';
import { maxId, sortConversations, upsertConversation } from './chat-state';
import { SessionScope } from './session-scope';

interface ConversationListState {
  items: ConversationView[];
  nextCursor: string | null;
  status: LoadStatus;
  error: string | null;
}

const NO_CONVERSATIONS: ConversationListState = { items: [], nextCursor: null, status: 'loading', error: null };

/** My conversations, newest first, with their unread counts, the menu's unread total and read watermarks. */
@Injectable({ providedIn: 'root' })
export class ConversationsStore {
  private readonly api = inject(MessagesApi);
  private readonly scope = inject(SessionScope);

  private readonly list = signal<ConversationListState>(NO_CONVERSATIONS);
  private readonly unread = signal(0);
  /** The other participant's read watermark, by conversation id. */
  private readonly readWatermarks = signal<Record<string, string>>({});

  readonly conversations = computed(() => this.list().items);
  readonly status = computed(() => this.list().status);
  readonly error = computed(() => this.list().error);
  readonly hasMore = computed(() => this.list().nextCursor !== null);
  readonly unreadTotal = this.unread.asReadonly();

  reset(): void {
    this.list.set(NO_CONVERSATIONS);
    this.unread.set(0);
    this.readWatermarks.set({});
  }

  /** Loads the first page again; resolves once it is shown (or failed). */
  load(): Promise<void> {
    this.list.update((state) => ({ ...state, status: 'loading', error: null }));
    return this.scope.settle(
      this.api.conversations({ limit: LIMITS.conversationPageDefaultSize }),
      (page) => {
        this.list.set({
          items: sortConversations([...page.items]),
          nextCursor: page.nextCursor,
          status: 'ready',
          error: null,
        });
        this.noteWatermarks(page.items);
      },
      (error) => this.failed(error),
    );
  }

  loadMore(): Promise<void> {
    const { nextCursor, status } = this.list();
    if (!nextCursor || status === 'loading') return Promise.resolve();
    this.list.update((state) => ({ ...state, status: 'loading', error: null }));
    return this.scope.settle(
      this.api.conversations({ cursor: nextCursor, limit: LIMITS.conversationPageDefaultSize }),
      (page) => {
        this.list.update((state) => {
          const known = new Set(state.items.map((item) => item.id));
          const items = [...state.items, ...page.items.filter((item) => !known.has(item.id))];
          return { items: sortConversations(items), nextCursor: page.nextCursor, status: 'ready', error: null };
        });
        this.noteWatermarks(page.items);
      },
      (error) => this.failed(error),
    );
  }

  refreshUnread(): Promise<void> {
    // On failure the badge keeps its last value; the next conversation-updated event sets it again.
    return this.scope.settle(this.api.unreadCount(), ({ total }) => this.unread.set(total));
  }

  conversationWith(peerId: string | null): ConversationView | null {
    return peerId ? (this.list().items.find((item) => item.otherUser.id === peerId) ?? null) : null;
  }

  /** My messages in that conversation up to this id are read by the other person. */
  readUpTo(conversationId: string | null): string | null {
    return conversationId ? (this.readWatermarks()[conversationId] ?? null) : null;
  }

  onRead(result: MarkReadResponse): void {
    this.unread.set(result.unreadTotal);
    this.list.update((state) => ({
      ...state,
      items: state.items.map((item) => (item.id === result.conversationId ? { ...item, unreadCount: 0 } : item)),
    }));
  }

  onConversationUpdated({ conversation, unreadTotal }: ConversationUpdatedEvent): void {
    this.list.update((state) => ({ ...state, items: upsertConversation(state.items, conversation) }));
    if (unreadTotal !== undefined) this.unread.set(unreadTotal);
    this.noteWatermarks([conversation]);
  }

  onMessagesRead(event: MessagesReadEvent): void {
    if (event.readerId === this.scope.userId()) return;
    this.readWatermarks.update((marks) => ({
      ...marks,
      [event.conversationId]: maxId(marks[event.conversationId] ?? null, event.lastReadMessageId),
    }));
  }

  private failed(error: unknown): void {
    this.list.update((state) => ({ ...state, status: 'error', error: describeError(error) }));
  }

  private noteWatermarks(conversations: readonly ConversationView[]): void {
    const withMarks = conversations.filter((conversation) => conversation.otherLastReadMessageId);
    if (withMarks.length === 0) return;
    this.readWatermarks.update((marks) => {
      const next = { ...marks };
      for (const { id, otherLastReadMessageId } of withMarks) {
        if (otherLastReadMessageId) next[id] = maxId(next[id] ?? null, otherLastReadMessageId);
      }
      return next;
    });
  }
}
