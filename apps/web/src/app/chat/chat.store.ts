import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  LIMITS,
  type Ack,
  type AckSuccess,
  type ConversationParticipant,
  type ConversationUpdatedEvent,
  type ConversationView,
  type MarkReadResponse,
  type MessageView,
  type MessagesReadEvent,
  type Page,
  type SendMessageRequest,
  type TypingEvent,
} from '@promoto/shared-dto';
import { Subscription, firstValueFrom } from 'rxjs';
import { AckError, describeError } from '../core/api/api-error';
import { MessagesApi } from '../core/api/messages-api';
import { UsersApi } from '../core/api/users-api';
import { newClientMessageId } from '../core/ids';
import { ChatSocket } from '../core/realtime/chat-socket';
import { fr } from '../i18n/fr';
import {
  emptyThread,
  maxId,
  mergeMessages,
  messageKey,
  replaceWithPage,
  sortConversations,
  upsertConversation,
  type ChatMessage,
  type Thread,
} from './chat-state';

/** While I type, `typing: true` is repeated this often; the other side forgets it after TYPING_SHOWN_MS. */
const TYPING_REFRESH_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
const TYPING_SHOWN_MS = 6_000;

interface ConversationListState {
  items: ConversationView[];
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
}

const NO_CONVERSATIONS: ConversationListState = { items: [], nextCursor: null, status: 'idle', error: null };

function unwrap<T extends object>(ack: Ack<T>): AckSuccess<T> {
  if (!ack.ok) throw new AckError(ack.error);
  return ack;
}

/**
 * The messaging state of the logged-in user, merged from REST (the source of truth) and the
 * socket (live updates): conversations, unread counts, the open thread, and my messages on
 * their way. A message is shown once, however many ways it arrives.
 */
@Injectable({ providedIn: 'root' })
export class ChatStore {
  private readonly api = inject(MessagesApi);
  private readonly users = inject(UsersApi);
  private readonly socket = inject(ChatSocket);
  private readonly document = inject(DOCUMENT);

  private readonly me = signal<string | null>(null);
  private readonly conversationList = signal<ConversationListState>(NO_CONVERSATIONS);
  private readonly unread = signal(0);
  private readonly threads = signal<Record<string, Thread>>({});
  private readonly openPeer = signal<string | null>(null);
  private readonly profiles = signal<Record<string, ConversationParticipant>>({});
  /** The other participant's read watermark, by conversation id. */
  private readonly readWatermarks = signal<Record<string, string>>({});
  /** Whether the other participant is typing, by conversation id. */
  private readonly typingIn = signal<Record<string, boolean>>({});

  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private typingSentAt = 0;
  private typingStopTimer: ReturnType<typeof setTimeout> | undefined;
  private subscriptions: Subscription | null = null;
  private token: string | null = null;
  /** Bumped on start and stop: answers to requests of an earlier session are dropped. */
  private generation = 0;

  readonly currentUserId = this.me.asReadonly();
  readonly conversations = computed(() => this.conversationList().items);
  readonly conversationsStatus = computed(() => this.conversationList().status);
  readonly conversationsError = computed(() => this.conversationList().error);
  readonly hasMoreConversations = computed(() => this.conversationList().nextCursor !== null);
  readonly unreadTotal = this.unread.asReadonly();
  readonly connection = this.socket.state;

  readonly openPeerId = this.openPeer.asReadonly();
  /** The open thread (see openThread), or null. */
  readonly thread = computed(() => {
    const peerId = this.openPeer();
    return peerId ? (this.threads()[peerId] ?? null) : null;
  });
  readonly conversation = computed(() => this.conversationWith(this.openPeer()));
  /** Who the open thread is with. */
  readonly peer = computed<ConversationParticipant | null>(() => {
    const peerId = this.openPeer();
    return peerId ? (this.conversation()?.otherUser ?? this.profiles()[peerId] ?? null) : null;
  });
  private readonly conversationId = computed(() => this.thread()?.conversationId ?? this.conversation()?.id ?? null);
  /** My messages in the open thread up to this id are read by the other person. */
  readonly peerReadUpTo = computed(() => {
    const conversationId = this.conversationId();
    return conversationId ? (this.readWatermarks()[conversationId] ?? null) : null;
  });
  readonly peerTyping = computed(() => {
    const conversationId = this.conversationId();
    return conversationId !== null && this.typingIn()[conversationId] === true;
  });

  constructor() {
    const onVisible = () => {
      if (this.document.visibilityState === 'visible') this.markOpenThreadReadIfUnread();
    };
    this.document.addEventListener('visibilitychange', onVisible);
    inject(DestroyRef).onDestroy(() => {
      this.document.removeEventListener('visibilitychange', onVisible);
      this.stop();
    });
  }

  /**
   * Starts the session's messaging: socket, conversations, unread total. A thread opened
   * before (a messages page restored by a reload opens it first) stays open.
   */
  start(userId: string, token: string): void {
    if (this.token === token && this.me() === userId) return;
    const openPeerId = this.openPeer();
    this.stop();
    this.token = token;
    this.me.set(userId);
    this.subscriptions = new Subscription();
    this.subscriptions.add(this.socket.newMessage$.subscribe((message) => this.onNewMessage(message)));
    this.subscriptions.add(this.socket.messagesRead$.subscribe((event) => this.onMessagesRead(event)));
    this.subscriptions.add(this.socket.typing$.subscribe((event) => this.onTyping(event)));
    this.subscriptions.add(this.socket.conversationUpdated$.subscribe((event) => this.onConversationUpdated(event)));
    this.subscriptions.add(this.socket.connected$.subscribe(() => this.onConnected()));
    this.socket.connect(token);
    void this.loadConversations();
    void this.refreshUnread();
    if (openPeerId) this.openThread(openPeerId);
  }

  /** Logout: disconnects and forgets everything. */
  stop(): void {
    this.generation++;
    this.token = null;
    this.subscriptions?.unsubscribe();
    this.subscriptions = null;
    this.socket.disconnect();
    clearTimeout(this.typingStopTimer);
    this.typingTimers.forEach((timer) => clearTimeout(timer));
    this.typingTimers.clear();
    this.typingSentAt = 0;
    this.me.set(null);
    this.conversationList.set(NO_CONVERSATIONS);
    this.unread.set(0);
    this.threads.set({});
    this.openPeer.set(null);
    this.profiles.set({});
    this.readWatermarks.set({});
    this.typingIn.set({});
  }

  async loadConversations(): Promise<void> {
    const generation = this.generation;
    this.conversationList.update((state) => ({ ...state, status: 'loading', error: null }));
    try {
      const page = await firstValueFrom(this.api.conversations({ limit: LIMITS.conversationPageDefaultSize }));
      if (generation !== this.generation) return;
      this.conversationList.set({
        items: sortConversations([...page.items]),
        nextCursor: page.nextCursor,
        status: 'ready',
        error: null,
      });
      this.noteWatermarks(page.items);
      // After a reconnection the list can arrive after the open thread's catch-up, and be the
      // first to say that the thread has unread messages.
      this.markOpenThreadReadIfUnread();
    } catch (error) {
      if (generation !== this.generation) return;
      this.conversationList.update((state) => ({ ...state, status: 'error', error: describeError(error) }));
    }
  }

  async loadMoreConversations(): Promise<void> {
    const { nextCursor, status } = this.conversationList();
    if (!nextCursor || status === 'loading') return;
    const generation = this.generation;
    this.conversationList.update((state) => ({ ...state, status: 'loading', error: null }));
    try {
      const page = await firstValueFrom(
        this.api.conversations({ cursor: nextCursor, limit: LIMITS.conversationPageDefaultSize }),
      );
      if (generation !== this.generation) return;
      this.conversationList.update((state) => {
        const known = new Set(state.items.map((item) => item.id));
        const items = [...state.items, ...page.items.filter((item) => !known.has(item.id))];
        return { items: sortConversations(items), nextCursor: page.nextCursor, status: 'ready', error: null };
      });
      this.noteWatermarks(page.items);
    } catch (error) {
      if (generation !== this.generation) return;
      this.conversationList.update((state) => ({ ...state, status: 'error', error: describeError(error) }));
    }
  }

  /** Opens the thread with that person: shows what is kept at once, then the newest page. */
  openThread(peerId: string): void {
    if (this.openPeer() === peerId) return;
    this.closeThread();
    this.openPeer.set(peerId);
    const existing = this.threads()[peerId];
    this.threads.update((threads) => ({
      ...threads,
      [peerId]: {
        ...(existing ?? emptyThread(peerId)),
        conversationId: existing?.conversationId ?? this.conversationWith(peerId)?.id ?? null,
        status: 'loading',
        error: null,
      },
    }));
    void this.loadNewest(peerId);
    void this.joinRoom(peerId);
    if (!this.conversationWith(peerId) && !this.profiles()[peerId]) void this.loadProfile(peerId);
  }

  /** Leaving the messages page: new messages no longer count as read. */
  closeThread(): void {
    const peerId = this.openPeer();
    if (!peerId) return;
    this.stopTyping();
    this.openPeer.set(null);
    if (this.socket.isConnected) {
      // Leaving the room only stops typing events; the server ends it with the socket anyway.
      this.socket.leaveRoom({ userId: peerId }).catch(() => undefined);
    }
  }

  /** Reloads the open thread after an error. */
  reloadOpenThread(): void {
    const peerId = this.openPeer();
    if (!peerId) return;
    this.updateThread(peerId, (thread) => ({ ...thread, status: 'loading', error: null }));
    void this.loadNewest(peerId);
  }

  async loadOlder(): Promise<void> {
    const thread = this.thread();
    if (!thread || !thread.olderCursor || thread.loadingOlder || thread.status !== 'ready') return;
    const { peerId, olderCursor } = thread;
    const generation = this.generation;
    this.updateThread(peerId, (current) => ({ ...current, loadingOlder: true, error: null }));
    try {
      const page = await firstValueFrom(
        this.api.history(peerId, { before: olderCursor, limit: LIMITS.historyPageDefaultSize }),
      );
      if (generation !== this.generation) return;
      this.updateThread(peerId, (current) => ({
        ...current,
        messages: mergeMessages(current.messages, page.items),
        olderCursor: page.nextCursor,
        loadingOlder: false,
      }));
    } catch (error) {
      if (generation !== this.generation) return;
      this.updateThread(peerId, (current) => ({ ...current, loadingOlder: false, error: describeError(error) }));
    }
  }

  /** Shows my message at once as pending, then sends it (socket if connected, REST otherwise). */
  send(content: string, appointmentId?: string): void {
    const me = this.me();
    const peerId = this.openPeer();
    const text = content.trim();
    if (!me || !peerId || !text) return;
    const clientMessageId = newClientMessageId();
    const message: ChatMessage = {
      key: messageKey(me, clientMessageId, clientMessageId),
      id: null,
      clientMessageId,
      senderId: me,
      recipientId: peerId,
      content: text,
      appointmentId: appointmentId || undefined,
      createdAt: new Date().toISOString(),
      status: 'pending',
    };
    this.updateThread(peerId, (thread) => ({ ...thread, messages: [...thread.messages, message] }));
    this.stopTyping();
    void this.deliver(message);
  }

  /** Sends a failed message again with the same clientMessageId, so the server stores it once. */
  retry(key: string): void {
    const thread = this.thread();
    const message = thread?.messages.find((item) => item.key === key && item.status === 'failed');
    if (!thread || !message) return;
    const pending: ChatMessage = { ...message, status: 'pending', error: undefined };
    this.updateThread(thread.peerId, (current) => ({
      ...current,
      messages: current.messages.map((item) => (item.key === key ? pending : item)),
    }));
    void this.deliver(pending);
  }

  /** Called while I type in the open thread; tells the other side, at most every few seconds. */
  notifyTyping(): void {
    const peerId = this.openPeer();
    if (!peerId || !this.socket.isConnected) return;
    const now = Date.now();
    if (now - this.typingSentAt >= TYPING_REFRESH_MS) {
      this.typingSentAt = now;
      this.emitTyping(peerId, true);
    }
    clearTimeout(this.typingStopTimer);
    this.typingStopTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.typingStopTimer);
    const peerId = this.openPeer();
    if (this.typingSentAt === 0 || !peerId) return;
    this.typingSentAt = 0;
    if (this.socket.isConnected) this.emitTyping(peerId, false);
  }

  private emitTyping(recipientId: string, isTyping: boolean): void {
    // The indicator is best effort: a lost typing event needs no retry.
    this.socket.typing({ recipientId, isTyping }).catch(() => undefined);
  }

  private async deliver(message: ChatMessage): Promise<void> {
    const generation = this.generation;
    const peerId = message.recipientId;
    const request: SendMessageRequest = {
      recipientId: peerId,
      content: message.content,
      clientMessageId: message.clientMessageId,
      ...(message.appointmentId ? { appointmentId: message.appointmentId } : {}),
    };
    try {
      const stored = this.socket.isConnected
        ? unwrap(await this.socket.sendMessage(request)).message
        : await firstValueFrom(this.api.send(request));
      if (generation !== this.generation) return;
      const isFirstMessage = this.threads()[peerId]?.conversationId === null;
      this.updateThread(peerId, (thread) => ({
        ...thread,
        conversationId: thread.conversationId ?? stored.conversationId,
        messages: mergeMessages(thread.messages, [stored]),
      }));
      // The conversation exists from the first message on: join its room for typing events.
      if (isFirstMessage && this.openPeer() === peerId) void this.joinRoom(peerId);
    } catch (error) {
      if (generation !== this.generation) return;
      this.updateThread(peerId, (thread) => ({
        ...thread,
        messages: thread.messages.map((item) =>
          item.key === message.key && item.status === 'pending'
            ? { ...item, status: 'failed', error: describeError(error, fr.errors.sendFailed) }
            : item,
        ),
      }));
    }
  }

  private async loadNewest(peerId: string): Promise<void> {
    const generation = this.generation;
    try {
      const page = await firstValueFrom(this.api.history(peerId, { limit: LIMITS.historyPageDefaultSize }));
      if (generation !== this.generation) return;
      this.updateThread(peerId, (thread) => ({
        ...thread,
        conversationId: thread.conversationId ?? page.items[0]?.conversationId ?? null,
        messages: replaceWithPage(thread.messages, page.items),
        olderCursor: page.nextCursor,
        syncedId: maxId(thread.syncedId, page.items.at(-1)?.id),
        status: 'ready',
        error: null,
      }));
      this.markOpenThreadReadIfUnread();
    } catch (error) {
      if (generation !== this.generation) return;
      this.updateThread(peerId, (thread) => ({ ...thread, status: 'error', error: describeError(error) }));
    }
  }

  /** Fetches what the thread missed after its last synced message, page by page. */
  private async catchUp(peerId: string): Promise<void> {
    const thread = this.threads()[peerId];
    if (!thread) return;
    if (!thread.syncedId || thread.status !== 'ready') {
      this.updateThread(peerId, (current) => ({ ...current, status: 'loading', error: null }));
      return this.loadNewest(peerId);
    }
    const generation = this.generation;
    let after: string | null = thread.syncedId;
    try {
      while (after) {
        const page: Page<MessageView> = await firstValueFrom(
          this.api.history(peerId, { after, limit: LIMITS.historyPageMaxSize }),
        );
        if (generation !== this.generation) return;
        this.updateThread(peerId, (current) => ({
          ...current,
          conversationId: current.conversationId ?? page.items[0]?.conversationId ?? null,
          messages: mergeMessages(current.messages, page.items),
          syncedId: maxId(current.syncedId, page.items.at(-1)?.id),
        }));
        after = page.nextCursor;
      }
      this.markOpenThreadReadIfUnread();
    } catch (error) {
      if (generation !== this.generation) return;
      this.updateThread(peerId, (current) => ({ ...current, status: 'error', error: describeError(error) }));
    }
  }

  private async refreshUnread(): Promise<void> {
    const generation = this.generation;
    try {
      const { total } = await firstValueFrom(this.api.unreadCount());
      if (generation === this.generation) this.unread.set(total);
    } catch {
      // The badge keeps its last value; the next conversation-updated event sets it again.
    }
  }

  private async joinRoom(peerId: string): Promise<void> {
    if (!this.socket.isConnected) return;
    const generation = this.generation;
    try {
      const { conversationId } = unwrap(await this.socket.joinRoom({ userId: peerId }));
      if (generation !== this.generation || !conversationId) return;
      this.updateThread(peerId, (thread) => ({ ...thread, conversationId: thread.conversationId ?? conversationId }));
    } catch {
      // Without the room only the typing indicator is missing; messages come to my user room.
    }
  }

  private async loadProfile(peerId: string): Promise<void> {
    const generation = this.generation;
    try {
      const profile = await firstValueFrom(this.users.get(peerId));
      if (generation === this.generation) this.profiles.update((profiles) => ({ ...profiles, [peerId]: profile }));
    } catch (error) {
      if (generation !== this.generation) return;
      this.updateThread(peerId, (thread) => ({ ...thread, error: describeError(error) }));
    }
  }

  private markOpenThreadReadIfUnread(): void {
    const peerId = this.openPeer();
    const thread = this.thread();
    if (!peerId || thread?.status !== 'ready' || this.document.visibilityState !== 'visible') return;
    const conversation = this.conversation();
    const hasUnread = conversation
      ? conversation.unreadCount > 0
      : thread.messages.some((message) => message.senderId === peerId);
    if (hasUnread) void this.markRead(peerId);
  }

  private async markRead(peerId: string): Promise<void> {
    const generation = this.generation;
    try {
      const result: MarkReadResponse = this.socket.isConnected
        ? unwrap(await this.socket.markRead({ userId: peerId })).result
        : await firstValueFrom(this.api.markRead(peerId));
      if (generation !== this.generation) return;
      this.unread.set(result.unreadTotal);
      this.conversationList.update((state) => ({
        ...state,
        items: state.items.map((item) => (item.id === result.conversationId ? { ...item, unreadCount: 0 } : item)),
      }));
    } catch {
      // Still unread on the server: the badge stays, and the next open or message reads again.
    }
  }

  /**
   * On every connection, the first included: whatever happened while the socket was not in
   * its rooms is fetched again (list, badge, and the open thread after its last synced id).
   */
  private onConnected(): void {
    void this.loadConversations();
    void this.refreshUnread();
    const peerId = this.openPeer();
    if (peerId) {
      void this.joinRoom(peerId);
      void this.catchUp(peerId);
    }
  }

  private onNewMessage(message: MessageView): void {
    const me = this.me();
    if (!me) return;
    const peerId = message.senderId === me ? message.recipientId : message.senderId;
    this.updateThread(peerId, (thread) => ({
      ...thread,
      conversationId: thread.conversationId ?? message.conversationId,
      messages: mergeMessages(thread.messages, [message]),
      // Live events continue a thread without gap only once it is loaded and synced.
      syncedId:
        thread.status === 'ready' && thread.syncedId !== null ? maxId(thread.syncedId, message.id) : thread.syncedId,
    }));
    if (message.senderId === peerId) this.setTyping(message.conversationId, false);
  }

  private onMessagesRead(event: MessagesReadEvent): void {
    if (event.readerId === this.me()) return;
    this.readWatermarks.update((marks) => ({
      ...marks,
      [event.conversationId]: maxId(marks[event.conversationId] ?? null, event.lastReadMessageId),
    }));
  }

  private onTyping(event: TypingEvent): void {
    if (event.userId === this.me()) return;
    this.setTyping(event.conversationId, event.isTyping);
  }

  private onConversationUpdated({ conversation, unreadTotal }: ConversationUpdatedEvent): void {
    this.conversationList.update((state) => ({ ...state, items: upsertConversation(state.items, conversation) }));
    if (unreadTotal !== undefined) this.unread.set(unreadTotal);
    this.noteWatermarks([conversation]);
    this.updateThread(conversation.otherUser.id, (thread) => ({
      ...thread,
      conversationId: thread.conversationId ?? conversation.id,
    }));
    if (conversation.otherUser.id === this.openPeer()) this.markOpenThreadReadIfUnread();
  }

  private setTyping(conversationId: string, isTyping: boolean): void {
    clearTimeout(this.typingTimers.get(conversationId));
    this.typingTimers.delete(conversationId);
    this.typingIn.update((typing) => ({ ...typing, [conversationId]: isTyping }));
    if (isTyping) {
      this.typingTimers.set(
        conversationId,
        setTimeout(() => this.setTyping(conversationId, false), TYPING_SHOWN_MS),
      );
    }
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

  private conversationWith(peerId: string | null): ConversationView | null {
    return peerId ? (this.conversationList().items.find((item) => item.otherUser.id === peerId) ?? null) : null;
  }

  /** Updates a thread kept in memory; messages for a thread never opened are left to its first load. */
  private updateThread(peerId: string, change: (thread: Thread) => Thread): void {
    this.threads.update((threads) => {
      const thread = threads[peerId];
      return thread ? { ...threads, [peerId]: change(thread) } : threads;
    });
  }
}
