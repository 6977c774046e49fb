import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import {
  ERROR_CODES,
  SOCKET_EVENTS,
  type ClientToServerEvents,
  type JoinRoomRequest,
  type MarkReadRequest,
  type SendMessageRequest,
  type ServerToClientEvents,
  type TypingRequest,
} from '@promoto/shared-dto';
import { Socket } from 'ngx-socket-io';
import { Subject } from 'rxjs';
import { Session, tokenNeedsRefresh } from '../auth/session';
import { TokenRefresher } from '../auth/token-refresher';
import { RECONNECTION, reconnectionDelay } from './reconnection';

type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Options for the ngx-socket-io `Socket`: same origin, connected only once logged in. */
export const SOCKET_OPTIONS = {
  url: '',
  options: { path: '/socket.io', autoConnect: false, transports: ['websocket', 'polling'], ...RECONNECTION },
};

/** An unanswered acknowledgement fails after this delay, so a send never stays pending. */
const ACK_TIMEOUT_MS = 10_000;

/** After a refusal other than authentication (the server restarting), the retry is drawn as this attempt's. */
const RETRY_AFTER_REFUSAL_ATTEMPT = 1;

/**
 * `offline`: not wanted (logged out); `reconnecting`: wanted but lost, socket.io is retrying;
 * `replaced`: the server closed this tab's socket because the account opened more than it allows
 * (session-replaced): it stays closed until the person resumes here, or tabs would take turns.
 */
export type ConnectionState = 'offline' | 'connecting' | 'connected' | 'reconnecting' | 'replaced';

const AUTH_ERROR_CODES: readonly string[] = [ERROR_CODES.UNAUTHENTICATED, ERROR_CODES.TOKEN_EXPIRED];

/** A handshake the server refused for its token, and the token it was made with. */
export interface AuthRefusal {
  code: string;
  token: string | null;
}

/**
 * The Socket.IO connection (ngx-socket-io) with typed streams and acknowledged requests.
 * Connects once logged in, each handshake with the session's current access token (renewed first
 * when it is about to expire), disconnects on logout, and follows the browser's
 * online/offline events so that a lost network shows at once instead of after the ping timeout.
 * One per signed-in session, with its ngx-socket-io Socket (see provideSignedIn): the login and
 * register pages load no Socket.IO code.
 */
@Injectable()
export class ChatSocket {
  private readonly socket = inject(Socket) as unknown as TypedSocket;
  private readonly session = inject(Session);
  private readonly refresher = inject(TokenRefresher);
  /** The token of the latest handshake, for the refusal that may follow it. */
  private handshakeToken: string | null = null;
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly connectionState = signal<ConnectionState>('offline');
  private readonly connectedSubject = new Subject<void>();
  private readonly authRefusedSubject = new Subject<AuthRefusal>();
  private wanted = false;
  private replaced = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  readonly state = this.connectionState.asReadonly();
  /** Emits on every (re)connection: the moment to catch up on what was missed. */
  readonly connected$ = this.connectedSubject.asObservable();
  /** Emits the server's reason, and the token, when it refuses a handshake's token. */
  readonly authRefused$ = this.authRefusedSubject.asObservable();

  /**
   * Messages from the other person, and mine sent from my other tabs or over REST: a message
   * sent from this socket comes back in its acknowledgement only (sendMessage), never here.
   */
  readonly newMessage$ = this.socket.fromEvent(SOCKET_EVENTS.newMessage);
  readonly messagesRead$ = this.socket.fromEvent(SOCKET_EVENTS.messagesRead);
  readonly typing$ = this.socket.fromEvent(SOCKET_EVENTS.typing);
  readonly conversationUpdated$ = this.socket.fromEvent(SOCKET_EVENTS.conversationUpdated);
  readonly messageUpdated$ = this.socket.fromEvent(SOCKET_EVENTS.messageUpdated);
  /** The garage removed this member (or they left): the server closes the socket right after. */
  readonly membershipEnded$ = this.socket.fromEvent(SOCKET_EVENTS.membershipEnded);

  constructor() {
    this.socket.on('connect', () => {
      console.log('✅ Connecté au serveur Socket.io');
      this.connectionState.set('connected');
      this.connectedSubject.next();
    });
    this.socket.on(SOCKET_EVENTS.sessionReplaced, () => (this.replaced = true));
    this.socket.on('disconnect', (reason) => {
      if (!this.wanted) return;
      if (this.replaced) {
        this.connectionState.set('replaced');
        return;
      }
      this.connectionState.set('reconnecting');
      // socket.io does not reconnect by itself after a server-side disconnect (a replica stopping
      // closes all its sockets at once): come back after a random delay, as its own retries do.
      if (reason === 'io server disconnect') this.retryLater(reconnectionDelay(0));
    });
    this.socket.on('connect_error', (error) => this.onConnectError(error));

    const goOffline = () => {
      if (!this.wanted) return;
      this.socket.disconnect();
      this.connectionState.set('reconnecting');
    };
    const goOnline = () => {
      if (this.wanted && !this.replaced && !this.socket.connected) this.socket.connect();
    };
    this.window?.addEventListener('offline', goOffline);
    this.window?.addEventListener('online', goOnline);
    inject(DestroyRef).onDestroy(() => {
      this.window?.removeEventListener('offline', goOffline);
      this.window?.removeEventListener('online', goOnline);
      this.disconnect();
    });
  }

  get isConnected(): boolean {
    return this.socket.connected;
  }

  connect(): void {
    this.wanted = true;
    this.replaced = false;
    this.socket.auth = (send: (data: { token: string | null }) => void) =>
      void this.handshakeAuth().then((token) => {
        this.handshakeToken = token;
        send({ token });
      });
    if (this.window?.navigator.onLine === false) {
      this.connectionState.set('reconnecting');
      return;
    }
    this.connectionState.set('connecting');
    this.socket.connect();
  }

  /** Reconnects a tab whose socket was replaced: this tab becomes the account's newest again. */
  resume(): void {
    if (!this.wanted || !this.replaced) return;
    this.replaced = false;
    this.connectionState.set('connecting');
    this.socket.connect();
  }

  disconnect(): void {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    this.socket.disconnect();
    this.connectionState.set('offline');
  }

  /** The token for a handshake: the session's, renewed first when it is about to expire (kept when that fails). */
  private async handshakeAuth(): Promise<string | null> {
    const token = this.session.token();
    if (!token || !tokenNeedsRefresh(token)) return token;
    return (await this.refresher.refresh(token).catch(() => token)) ?? token;
  }

  /* Each request resolves with the acknowledgement, and rejects on timeout or disconnection. */

  sendMessage(payload: SendMessageRequest) {
    return this.withTimeout().emitWithAck(SOCKET_EVENTS.sendMessage, payload);
  }

  markRead(payload: MarkReadRequest) {
    return this.withTimeout().emitWithAck(SOCKET_EVENTS.markRead, payload);
  }

  joinRoom(payload: JoinRoomRequest) {
    return this.withTimeout().emitWithAck(SOCKET_EVENTS.joinRoom, payload);
  }

  leaveRoom(payload: JoinRoomRequest) {
    return this.withTimeout().emitWithAck(SOCKET_EVENTS.leaveRoom, payload);
  }

  typing(payload: TypingRequest) {
    return this.withTimeout().emitWithAck(SOCKET_EVENTS.typing, payload);
  }

  private withTimeout(): TypedSocket {
    return this.socket.timeout(ACK_TIMEOUT_MS);
  }

  private onConnectError(error: Error): void {
    if (!this.wanted) return;
    const code = error.message.split(':')[0].trim();
    if (AUTH_ERROR_CODES.includes(code)) {
      this.disconnect();
      this.authRefusedSubject.next({ code, token: this.handshakeToken });
      return;
    }
    this.connectionState.set('reconnecting');
    // A refusal from the server's middleware stops socket.io's own retries (`active` is false).
    if (!this.socket.active) this.retryLater(reconnectionDelay(RETRY_AFTER_REFUSAL_ATTEMPT));
  }

  private retryLater(delayMs: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.wanted && !this.replaced && !this.socket.connected && this.window?.navigator.onLine !== false)
        this.socket.connect();
    }, delayMs);
  }
}
