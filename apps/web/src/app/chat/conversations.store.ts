import { Injectable, computed, inject, signal } from '@angular/core';
import {
  LIMITS,
  type AssignmentFilter,
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
  /** A garage's member's filter (« À moi », « Non assignées »), null for « Toutes ». */
  assigned: AssignmentFilter | null;
  items: ConversationView[];
  nextCursor: string | null;
  status: LoadStatus;
  error: string | null;
}

function emptyList(folder: ConversationFolder, assigned: AssignmentFilter | null = null): ConversationListState {
  return { folder, assigned, items: [], nextCursor: null, status: 'loading', error: null };
}

/** Whether a conversation is listed in that folder, with that assignee filter (for the member `me`). */
function belongsTo(conversation: ConversationView, list: ConversationListState, me: string | null): boolean {
  if (conversation.archived !== (list.folder === 'archived')) return false;
  if (list.assigned === 'me') return conversation.assignee?.id === me;
  if (list.assigned === 'none') return conversation.assignee === undefined;
  return true;
}

/** Whether two list states are of the same list (folder and filter): an answer for another is dropped. */
const sameList = (a: ConversationListState, b: ConversationListState) =>
  a.folder === b.folder && a.assigned === b.assigned;

/** Whether a first page's answer is what the list already shows, conversation for conversation. */
const showsPage = (state: ConversationListState, items: readonly ConversationView[], nextCursor: string | null) =>
  state.status === 'ready' && state.nextCursor === nextCursor && JSON.stringify(state.items) === JSON.stringify(items);

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
  /** Each conversation's unread count as this tab last saw it, by conversation id: what a new message's change is counted from. */
  private readonly seenUnread = new Map<string, number>();
  /** The member a conversation is assigned to ('' for nobody), by the other person's id, as last seen in any list. */
  private readonly assignees = signal<Record<string, string>>({});
  /**
   * When each conversation last changed here (an event, an answer to my archiving, assigning or
   * reading), on a counter: a list page asked for before that change was written before it, and
   * must not put the conversation back as it was.
   */
  private changes = 0;
  private readonly changedAt = new Map<string, number>();

  readonly folder = computed(() => this.list().folder);
  readonly assigned = computed(() => this.list().assigned);
  readonly conversations = computed(() => this.list().items);
  readonly status = computed(() => this.list().status);
  readonly error = computed(() => this.list().error);
  readonly hasMore = computed(() => this.list().nextCursor !== null);
  /** Whether the shown list's first page is on its way: until it is in (or failed), it may name anyone. */
  readonly firstPageLoading = computed(() => {
    const { status, items } = this.list();
    return status === 'loading' && items.length === 0;
  });
  readonly unreadTotal = this.unread.asReadonly();

  /** Lists another folder (with the same assignee filter) from its first page; resolves once it is shown (or failed). */
  showFolder(folder: ConversationFolder): Promise<void> {
    return this.showList(folder, this.list().assigned);
  }

  /** A garage's member's « À moi », « Non assignées » or « Toutes » (null), from its first page. */
  showAssigned(assigned: AssignmentFilter | null): Promise<void> {
    return this.showList(this.list().folder, assigned);
  }

  /** The whole inbox, as the dashboard's summary shows it. */
  showInbox(): Promise<void> {
    return this.showList('inbox', null);
  }

  private showList(folder: ConversationFolder, assigned: AssignmentFilter | null): Promise<void> {
    const shown = this.list();
    if (folder === shown.folder && assigned === shown.assigned) return Promise.resolve();
    this.list.set(emptyList(folder, assigned));
    return this.load();
  }

  /**
   * Loads the shown folder's first page again; resolves once it is shown (or failed). A list
   * already shown stays on screen meanwhile (a reconnection refreshes it without a flash), and
   * an answer that changes nothing in it keeps its state: nothing that shows it is drawn again.
   */
  load(): Promise<void> {
    const asked = this.list();
    const { folder, assigned } = asked;
    const askedAt = this.changes;
    this.list.update((state) => ({ ...state, status: state.status === 'ready' ? 'ready' : 'loading', error: null }));
    return this.scope.settle(
      this.api.conversations(this.query(asked)),
      (page) => {
        const shown = this.list();
        if (!sameList(shown, asked)) return;
        // What changed here since the page was asked for is newer than the page: the list keeps it as it is.
        const written = page.items.filter((item) => !this.changedSince(item, askedAt));
        const items = sortConversations([
          ...written,
          ...shown.items.filter((item) => this.changedSince(item, askedAt)),
        ]);
        if (showsPage(shown, items, page.nextCursor)) return;
        this.list.set({
          folder,
          assigned,
          items,
          nextCursor: page.nextCursor,
          status: 'ready',
          error: null,
        });
        this.noteConversations(written);
      },
      (error) => this.failed(asked, error),
    );
  }

  /**
   * The shown list's next page: its cursor is never used for another folder or filter. A
   * conversation that changed here since the page was asked for (moved to the other folder,
   * assigned, read) keeps its newer state, in the list or out of it.
   */
  loadMore(): Promise<void> {
    const asked = this.list();
    const { folder, assigned, nextCursor, status } = asked;
    if (!nextCursor || status === 'loading') return Promise.resolve();
    const askedAt = this.changes;
    this.list.update((state) => ({ ...state, status: 'loading', error: null }));
    return this.scope.settle(
      this.api.conversations({ ...this.query(asked), cursor: nextCursor }),
      (page) => {
        if (!sameList(this.list(), asked)) return;
        const written = page.items.filter((item) => !this.changedSince(item, askedAt));
        this.list.update((state) => {
          const known = new Set(state.items.map((item) => item.id));
          const items = [...state.items, ...written.filter((item) => !known.has(item.id))];
          return {
            folder,
            assigned,
            items: sortConversations(items),
            nextCursor: page.nextCursor,
            status: 'ready',
            error: null,
          };
        });
        this.noteConversations(written);
      },
      (error) => this.failed(asked, error),
    );
  }

  /**
   * Assigns my garage's conversation with that client to a member (their id), or to nobody (null);
   * resolves with null once done, or with why it failed, in French.
   */
  async assign(peerId: string, assigneeId: string | null): Promise<string | null> {
    let failure: string | null = null;
    await this.scope.settle(
      this.api.assign(peerId, assigneeId),
      (conversation) => this.place(conversation),
      (error) => (failure = describeError(error)),
    );
    return failure;
  }

  /** The member my garage's conversation with that client is assigned to ('' for nobody), as this tab last saw it. */
  assigneeOf(peerId: string): string {
    return this.assignees()[peerId] ?? '';
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
    this.noteChange(result.conversationId);
    this.unread.set(result.unreadTotal);
    this.seenUnread.set(result.conversationId, 0);
    this.list.update((state) => ({
      ...state,
      items: state.items.map((item) => (item.id === result.conversationId ? { ...item, unreadCount: 0 } : item)),
    }));
  }

  onConversationUpdated({ conversation, unreadTotal }: ConversationUpdatedEvent): void {
    if (unreadTotal !== undefined) this.unread.set(unreadTotal);
    else this.countUnreadChange(conversation);
    this.place(conversation);
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

  /**
   * An update without the total (a new message, received or sent from another tab): the
   * conversation's unread change since this tab last saw it moves the badge. For a conversation
   * it has not seen, the total is asked again (the API answers events once the badge is written).
   */
  private countUnreadChange({ id, unreadCount }: ConversationView): void {
    const seen = this.seenUnread.get(id);
    if (seen === undefined) {
      if (unreadCount > 0) void this.refreshUnread();
      return;
    }
    if (unreadCount !== seen) this.unread.update((total) => Math.max(0, total + unreadCount - seen));
  }

  private query({ folder, assigned }: ConversationListState) {
    // The inbox and every assignee are the API's defaults: a client's requests stay as they were.
    return {
      limit: LIMITS.conversationPageDefaultSize,
      ...(folder === 'archived' ? { folder } : {}),
      ...(assigned ? { assigned } : {}),
    };
  }

  /** Puts a conversation's new state in the shown list, in activity order, or takes it out when it is in the other folder. */
  private place(conversation: ConversationView): void {
    this.noteChange(conversation.id);
    this.list.update((state) => ({
      ...state,
      items: belongsTo(conversation, state, this.scope.userId())
        ? upsertConversation(state.items, conversation)
        : state.items.filter((item) => item.id !== conversation.id),
    }));
    this.noteConversations([conversation]);
  }

  private noteChange(conversationId: string): void {
    this.changedAt.set(conversationId, ++this.changes);
  }

  /** Whether the conversation changed here after the moment `askedAt` of the counter (a page asked for then is older). */
  private changedSince({ id }: ConversationView, askedAt: number): boolean {
    return (this.changedAt.get(id) ?? 0) > askedAt;
  }

  private failed(asked: ConversationListState, error: unknown): void {
    this.list.update((state) =>
      sameList(state, asked) ? { ...state, status: 'error', error: describeError(error) } : state,
    );
  }

  private noteConversations(conversations: readonly ConversationView[]): void {
    for (const { id, unreadCount } of conversations) this.seenUnread.set(id, unreadCount);
    this.archivedPeers.update((peers) => {
      const next = { ...peers };
      for (const { otherUser, archived } of conversations) next[otherUser.id] = archived;
      return next;
    });
    this.assignees.update((assignees) => {
      const next = { ...assignees };
      for (const { otherUser, assignee } of conversations) next[otherUser.id] = assignee?.id ?? '';
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
