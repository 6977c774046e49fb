import { DOCUMENT } from '@angular/common';
import { ApplicationRef, DestroyRef, Injectable, inject } from '@angular/core';
import type { ConversationUpdatedEvent } from '@promoto/shared-dto';
import { Subscription, filter, map } from 'rxjs';
import { Session } from '../core/auth/session';
import { TokenRefresher } from '../core/auth/token-refresher';
import { ChatSocket, type AuthRefusal } from '../core/realtime/chat-socket';
import { ConversationsStore } from './conversations.store';
import { SessionScope } from './session-scope';
import { ThreadStore } from './thread.store';
import { TypingStore } from './typing.store';

/** The socket connects at the latest this long after the list is in, even if a request of the page hangs. */
const CONNECT_CEILING_MS = 3_000;

/**
 * The messaging of the signed-in user from login to logout: connects the socket, routes its
 * events to the conversation list, the open thread and typing, and after every (re)connection
 * fetches again what the socket may have missed; a token the socket server refuses is renewed
 * once and the socket connects again with it, and a session that cannot be renewed ends. It
 * lives in the session's injector: the end of the session (logout, or another account in this
 * tab) disconnects it, with its stores.
 */
@Injectable()
export class ChatSession {
  private readonly socket = inject(ChatSocket);
  private readonly document = inject(DOCUMENT);
  private readonly scope = inject(SessionScope);
  private readonly conversations = inject(ConversationsStore);
  private readonly thread = inject(ThreadStore);
  private readonly typing = inject(TypingStore);
  private readonly session = inject(Session);
  private readonly refresher = inject(TokenRefresher);
  private readonly appRef = inject(ApplicationRef);
  /** A handshake refused again right after a renewal means the session is over, not the token. */
  private renewedAfterRefusal = false;

  private readonly subscriptions = new Subscription();
  private started = false;

  readonly currentUserId = this.scope.userId;
  readonly connection = this.socket.state;
  /** The booking of each booking notice as it arrives (whoever made the change, from whatever tab). */
  readonly bookingChanged$ = this.socket.newMessage$.pipe(
    map((message) => message.bookingEvent?.appointmentId),
    filter((id): id is string => id !== undefined),
  );
  /** Every (re)connection: the moment to read again what the socket may have missed. */
  readonly connected$ = this.socket.connected$;

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
      this.subscriptions.unsubscribe();
      this.socket.disconnect();
    });
  }

  /** Starts the session's messaging, once: my messages a previous visit left unsent, conversations, unread total, then the socket. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.subscriptions.add(this.socket.newMessage$.subscribe((message) => this.thread.onNewMessage(message)));
    this.subscriptions.add(this.socket.messagesRead$.subscribe((event) => this.conversations.onMessagesRead(event)));
    this.subscriptions.add(this.socket.typing$.subscribe((event) => this.typing.onTyping(event)));
    this.subscriptions.add(this.socket.messageUpdated$.subscribe((message) => this.thread.onMessageUpdated(message)));
    this.subscriptions.add(this.socket.conversationUpdated$.subscribe((event) => this.onConversationUpdated(event)));
    this.subscriptions.add(this.socket.connected$.subscribe(() => this.onConnected()));
    this.subscriptions.add(this.socket.authRefused$.subscribe((refusal) => void this.onAuthRefused(refusal)));
    this.subscriptions.add(this.socket.membershipEnded$.subscribe((event) => this.session.leaveGarage(event.message)));
    void this.thread.restoreOutbox();
    void this.loadList().then(() => this.connectOnceStable());
    void this.conversations.refreshUnread();
  }

  /**
   * The socket (and Socket.IO's client, loaded then) once the list is in and the app is stable
   * (the page's first requests answered and drawn), or after CONNECT_CEILING_MS at the latest: off
   * the way of the page's first render. Its connection catches up on what came in meanwhile.
   */
  private async connectOnceStable(): Promise<void> {
    let ceiling: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.appRef.whenStable(),
      new Promise((resolve) => (ceiling = setTimeout(resolve, CONNECT_CEILING_MS))),
    ]);
    clearTimeout(ceiling);
    this.socket.connect();
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
    this.renewedAfterRefusal = false;
    void this.loadList();
    void this.conversations.refreshUnread();
    this.thread.resume();
  }

  /** The handshake's token expired (or its key was removed): renew it once and connect again. */
  private async onAuthRefused({ token }: AuthRefusal): Promise<void> {
    if (this.renewedAfterRefusal || token === null) {
      this.session.expire();
      return;
    }
    this.renewedAfterRefusal = true;
    const fresh = await this.refresher.refresh(token).catch(() => token);
    // Null: the session ended (TokenRefresher sent the user to the login page). The same token: the
    // server could not be reached, and the next handshake tries again.
    if (fresh) this.socket.connect();
  }

  private onConversationUpdated(event: ConversationUpdatedEvent): void {
    this.conversations.onConversationUpdated(event);
    this.thread.onConversation(event.conversation.otherUser.id, event.conversation.id);
  }
}
