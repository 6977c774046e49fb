import { Injectable, computed, inject, signal } from '@angular/core';
import {
  LIMITS,
  type ConversationFolder,
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
  /** The folder the items and the cursor belong to. */
  folder: ConversationFolder;
  items: ConversationView[];
  nextCursor: string | null;
  status: LoadStatus;
  error: string | null;
}

function emptyList(folder: ConversationFolder): ConversationListState {
  return { folder, items: [], nextCursor: null, status: 'loading', error: null };
}

/** Whether a conversation is listed in that folder. */
function belongsTo(conversation: ConversationView, folder: ConversationFolder): boolean {
  return conversation.archived === (folder === 'archived');
}

/**
 * My conversations in one folder (the inbox, or « Archivées » for a garagiste), newest first,
 * with their unread counts, the menu's unread total and read watermarks. A conversation whose
 * update moves it to the other folder leaves the list; one that moves into this folder enters it.
 */
@Injectable()
export class ConversationsStore {
  private readonly api = inject(MessagesApi);
  private readonly scope = inject(SessionScope);

  private readonly list = signal<ConversationListState>(emptyList('inbox'));
  private readonly unread = signal(0);
  /** The other participant's read watermark, by conversation id. */
  private readonly readWatermarks = signal<Record<string, string>>({});
  /** Whether I archived my conversation with someone, by their id, as last seen in any folder. */
  private readonly archivedPeers = signal<Record<string, boolean>>({});

  readonly folder = computed(() => this.list().folder);
  readonly conversations = computed(() => this.list().items);
  readonly status = computed(() => this.list().status);
  readonly error = computed(() => this.list().error);
  readonly hasMore = computed(() => this.list().nextCursor !== null);
  readonly unreadTotal = this.unread.asReadonly();

  /** Lists another folder from its first page; resolves once it is shown (or failed). */
  showFolder(folder: ConversationFolder): Promise<void> {
    if (folder === this.list().folder) return Promise.resolve();
    this.list.set(emptyList(folder));
    return this.load();
  }

  /**
   * Loads the shown folder's first page again; resolves once it is shown (or failed). A list
   * already shown stays on screen meanwhile (a reconnection refreshes it without a flash).
   */
  load(): Promise<void> {
    const { folder } = this.list();
    this.list.update((state) => ({ ...state, status: state.status === 'ready' ? 'ready' : 'loading', error: null }));
    return this.scope.settle(
      this.api.conversations(this.query(folder)),
      (page) => {
        if (this.list().folder !== folder) return;
        this.list.set({
          folder,
          items: sortConversations([...page.items]),
          nextCursor: page.nextCursor,
          status: 'ready',
          error: null,
        });
        this.noteConversations(page.items);
      },
      (error) => this.failed(folder, error),
    );
  }

  /** The shown folder's next page: its cursor is never used for the other folder. */
  loadMore(): Promise<void> {
    const { folder, nextCursor, status } = this.list();
    if (!nextCursor || status === 'loading') return Promise.resolve();
    this.list.update((state) => ({ ...state, status: 'loading', error: null }));
    return this.scope.settle(
      this.api.conversations({ ...this.query(folder), cursor: nextCursor }),
      (page) => {
        if (this.list().folder !== folder) return;
        this.list.update((state) => {
          const known = new Set(state.items.map((item) => item.id));
          const items = [...state.items, ...page.items.filter((item) => !known.has(item.id))];
          return { folder, items: sortConversations(items), nextCursor: page.nextCursor, status: 'ready', error: null };
        });
        this.noteConversations(page.items);
      },
      (error) => this.failed(folder, error),
    );
  }

  /**
   * Archives my conversation with that person (« Marquer comme traité »), or puts it back in the
   * inbox; resolves with null once done, or with why it failed, in French.
   */
  async setArchived(peerId: string, archived: boolean): Promise<string | null> {
    let failure: string | null = null;
    await this.scope.settle(
      archived ? this.api.archive(peerId) : this.api.unarchive(peerId),
      (conversation) => this.place(conversation),
      (error) => (failure = describeError(error)),
    );
    return failure;
  }

  refreshUnread(): Promise<void> {
    // On failure the badge keeps its last value; the next conversation-updated event sets it again.
    return this.scope.settle(this.api.unreadCount(), ({ total }) => this.unread.set(total));
  }

  conversationWith(peerId: string | null): ConversationView | null {
    return peerId ? (this.list().items.find((item) => item.otherUser.id === peerId) ?? null) : null;
  }

  /** Whether my conversation with that person is archived, as far as this tab has seen. */
  archivedWith(peerId: string | null): boolean {
    return peerId ? (this.archivedPeers()[peerId] ?? false) : false;
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
    this.place(conversation);
    if (unreadTotal !== undefined) this.unread.set(unreadTotal);
  }

  /**
   * The other side read my side's messages: to a client, as soon as one member of the garage read
   * (« Lu par le garage »). My own reads, and a colleague's in a garage, are no such news.
   */
  onMessagesRead(event: MessagesReadEvent): void {
    if (event.readerId === this.scope.userId()) return;
    const conversation = this.list().items.find((item) => item.id === event.conversationId);
    const readerIsColleague = this.scope.sides.length > 1 && conversation?.otherUser.id !== event.readerId;
    if (readerIsColleague) return;
    this.readWatermarks.update((marks) => ({
      ...marks,
      [event.conversationId]: maxId(marks[event.conversationId] ?? null, event.lastReadMessageId),
    }));
  }

  private query(folder: ConversationFolder) {
    // The inbox is the API's default: a client's requests stay as they were.
    return { limit: LIMITS.conversationPageDefaultSize, ...(folder === 'archived' ? { folder } : {}) };
  }

  /** Puts a conversation's new state in the shown list, in activity order, or takes it out when it is in the other folder. */
  private place(conversation: ConversationView): void {
    this.list.update((state) => ({
      ...state,
      items: belongsTo(conversation, state.folder)
        ? upsertConversation(state.items, conversation)
        : state.items.filter((item) => item.id !== conversation.id),
    }));
    this.noteConversations([conversation]);
  }

  private failed(folder: ConversationFolder, error: unknown): void {
    this.list.update((state) =>
      state.folder === folder ? { ...state, status: 'error', error: describeError(error) } : state,
    );
  }

  private noteConversations(conversations: readonly ConversationView[]): void {
    this.archivedPeers.update((peers) => {
      const next = { ...peers };
      for (const { otherUser, archived } of conversations) next[otherUser.id] = archived;
      return next;
    });
    this.noteWatermarks(conversations);
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
