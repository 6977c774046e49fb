import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject } from '@angular/core';
import type { ConversationUpdatedEvent } from '@promoto/shared-dto';
import { Subscription } from 'rxjs';
import { ChatSocket } from '../core/realtime/chat-socket';
import { ConversationsStore } from './conversations.store';
import { Drafts } from './drafts';
import { SessionScope } from './session-scope';
import { ThreadStore } from './thread.store';
import { TypingStore } from './typing.store';

/**
 * The messaging of the logged-in user from login to logout: connects the socket, routes its
 * events to the conversation list, the open thread and typing, and after every (re)connection
 * fetches again what the socket may have missed.
 */
@Injectable({ providedIn: 'root' })
export class ChatSession {
  private readonly socket = inject(ChatSocket);
  private readonly document = inject(DOCUMENT);
  private readonly scope = inject(SessionScope);
  private readonly conversations = inject(ConversationsStore);
  private readonly thread = inject(ThreadStore);
  private readonly typing = inject(TypingStore);
  private readonly drafts = inject(Drafts);

  private subscriptions: Subscription | null = null;
  private token: string | null = null;

  readonly currentUserId = this.scope.userId;
  readonly connection = this.socket.state;

  /** Takes the messaging back in this tab after the server paused it (session-replaced). */
  resume(): void {
    this.socket.resume();
  }

  constructor() {
    const onVisible = () => {
      if (this.document.visibilityState === 'visible') this.thread.markReadIfUnread();
    };
    this.document.addEventListener('visibilitychange', onVisible);
    inject(DestroyRef).onDestroy(() => {
      this.document.removeEventListener('visibilitychange', onVisible);
      this.end();
    });
  }

  /**
   * Starts the session's messaging: socket, conversations, unread total. A thread opened
   * before (a messages page restored by a reload opens it first) stays open.
   */
  start(userId: string, token: string): void {
    if (this.token === token && this.scope.userId() === userId) return;
    const openPeerId = this.thread.openPeerId();
    this.end();
    this.token = token;
    this.scope.begin(userId);
    this.subscriptions = new Subscription();
    this.subscriptions.add(this.socket.newMessage$.subscribe((message) => this.thread.onNewMessage(message)));
    this.subscriptions.add(this.socket.messagesRead$.subscribe((event) => this.conversations.onMessagesRead(event)));
    this.subscriptions.add(this.socket.typing$.subscribe((event) => this.typing.onTyping(event)));
    this.subscriptions.add(this.socket.messageUpdated$.subscribe((message) => this.thread.onMessageUpdated(message)));
    this.subscriptions.add(this.socket.conversationUpdated$.subscribe((event) => this.onConversationUpdated(event)));
    this.subscriptions.add(this.socket.connected$.subscribe(() => this.onConnected()));
    this.socket.connect(token);
    void this.loadList();
    void this.conversations.refreshUnread();
    if (openPeerId) this.thread.open(openPeerId);
  }

  /** Logout: disconnects and forgets everything, drafts included. */
  stop(): void {
    this.drafts.clearAll();
    this.end();
  }

  private end(): void {
    this.scope.end();
    this.token = null;
    this.subscriptions?.unsubscribe();
    this.subscriptions = null;
    this.socket.disconnect();
    this.typing.reset();
    this.conversations.reset();
    this.thread.reset();
  }

  /** Loads the conversation list (again, after an error). */
  async loadList(): Promise<void> {
    await this.conversations.load();
    // After a reconnection the list can arrive after the open thread's catch-up, and be the
    // first to say that the thread has unread messages.
    this.thread.markReadIfUnread();
  }

  /**
   * On every connection, the first included: whatever happened while the socket was not in
   * its rooms is fetched again (list, badge, and the open thread after its last synced id).
   */
  private onConnected(): void {
    void this.loadList();
    void this.conversations.refreshUnread();
    this.thread.resume();
  }

  private onConversationUpdated(event: ConversationUpdatedEvent): void {
    this.conversations.onConversationUpdated(event);
    this.thread.onConversation(event.conversation.otherUser.id, event.conversation.id);
  }
}
