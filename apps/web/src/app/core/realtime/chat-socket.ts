import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, InjectionToken, inject, signal } from '@angular/core';
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
import type { Socket } from 'socket.io-client';
import { Subject, type Observable } from 'rxjs';
import { Session, tokenNeedsRefresh } from '../auth/session';
import { TokenRefresher } from '../auth/token-refresher';
import { RECONNECTION, reconnectionDelay } from './reconnection';

export type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Makes the session's Socket.IO socket (not connected yet). Socket.IO's client is a chunk of its
 * own, fetched when the session first connects: it is not on the way of a page's first render.
 */
export const SOCKET_FACTORY = new InjectionToken<() => Promise<TypedSocket>>('SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => async () => {
    const { io } = await import('socket.io-client');
    // Same origin, connected only once logged in.
    return io({ path: '/socket.io', autoConnect: false, transports: ['websocket', 'polling'], ...RECONNECTION });
  },
});

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

/** What the server sends, as the streams of ChatSocket. */
type ServerEvent = keyof ServerToClientEvents;
type Payload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/**
 * The Socket.IO connection with typed streams and acknowledged requests.
 * Connects once logged in, each handshake with the session's current access token (renewed first
 * when it is about to expire), disconnects on logout, and follows the browser's
 * online/offline events so that a lost network shows at once instead of after the ping timeout.
 * One per signed-in session (see provideSignedIn), with its socket made on the first connect():
 * no page loads Socket.IO's code before that.
 */
@Injectable()
export class ChatSocket {
  private readonly makeSocket = inject(SOCKET_FACTORY);
  /** Made on the first connect(); null until then, and in a session that never connects. */
  private socket: TypedSocket | null = null;
  private making: Promise<TypedSocket> | null = null;
  /** The server's events and their streams, bound to the socket once it is made. */
  private readonly streams = new Map<ServerEvent, Subject<unknown>>();
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
  /** The session ended: nothing connects again (a request's answer may still ask to). */
  private ended = false;
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
  readonly newMessage$ = this.stream(SOCKET_EVENTS.newMessage);
  readonly messagesRead$ = this.stream(SOCKET_EVENTS.messagesRead);
  readonly typing$ = this.stream(SOCKET_EVENTS.typing);
  readonly conversationUpdated$ = this.stream(SOCKET_EVENTS.conversationUpdated);
  readonly messageUpdated$ = this.stream(SOCKET_EVENTS.messageUpdated);
  /** The garage removed this member (or they left): the server closes the socket right after. */
  readonly membershipEnded$ = this.stream(SOCKET_EVENTS.membershipEnded);

  constructor() {
    const goOffline = () => {
      if (!this.wanted) return;
      this.socket?.disconnect();
      this.connectionState.set('reconnecting');
    };
    const goOnline = () => {
      if (this.wanted && !this.replaced && !this.isConnected) this.open();
    };
    this.window?.addEventListener('offline', goOffline);
    this.window?.addEventListener('online', goOnline);
    inject(DestroyRef).onDestroy(() => {
      this.window?.removeEventListener('offline', goOffline);
      this.window?.removeEventListener('online', goOnline);
      this.disconnect();
      this.ended = true;
      for (const stream of this.streams.values()) stream.complete();
    });
  }

  get isConnected(): boolean {
    return this.socket?.connected ?? false;
  }

  connect(): void {
    if (this.ended) return;
    this.wanted = true;
    this.replaced = false;
    if (this.window?.navigator.onLine === false) {
      this.connectionState.set('reconnecting');
      return;
    }
    this.connectionState.set('connecting');
    this.open();
  }

  /** Reconnects a tab whose socket was replaced: this tab becomes the account's newest again. */
  resume(): void {
    if (!this.wanted || !this.replaced) return;
    this.replaced = false;
    this.connectionState.set('connecting');
    this.socket?.connect();
  }

  disconnect(): void {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    this.socket?.disconnect();
    this.connectionState.set('offline');
  }

  /** Connects the socket, made (and Socket.IO's client loaded) the first time. */
  private open(): void {
    this.making ??= this.makeSocket().then((socket) => {
      this.listen(socket);
      this.socket = socket;
      return socket;
    });
    void this.making.then((socket) => {
      // Logged out, or gone offline, while Socket.IO's client was loading.
      if (this.wanted && this.window?.navigator.onLine !== false) socket.connect();
    });
  }

  private stream<E extends ServerEvent>(event: E): Observable<Payload<E>> {
    const subject = new Subject<unknown>();
    this.streams.set(event, subject);
    return subject.asObservable() as Observable<Payload<E>>;
  }

  private listen(socket: TypedSocket): void {
    for (const [event, subject] of this.streams) {
      socket.on(event, ((payload: unknown) => subject.next(payload)) as ServerToClientEvents[typeof event]);
    }
    socket.auth = (send: (data: { token: string | null }) => void) =>
      void this.handshakeAuth().then((token) => {
        this.handshakeToken = token;
        send({ token });
      });
    socket.on('connect', () => {
      console.log('✅ Connecté au serveur Socket.io');
      this.connectionState.set('connected');
      // Its subscribers' catch-up (requests, the open thread's room) in the next task: socket.io's
      // handshake has just taken this one, on a slow phone long enough already.
      setTimeout(() => {
        if (this.isConnected) this.connectedSubject.next();
      });
    });
    socket.on(SOCKET_EVENTS.sessionReplaced, () => (this.replaced = true));
    socket.on('disconnect', (reason) => {
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
    socket.on('connect_error', (error) => this.onConnectError(error));
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

  /** The callers ask only while connected (isConnected), so the socket is made. */
  private withTimeout() {
    if (!this.socket) throw new Error('ChatSocket: no request before the socket is made');
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
    if (!this.socket?.active) this.retryLater(reconnectionDelay(RETRY_AFTER_REFUSAL_ATTEMPT));
  }

  private retryLater(delayMs: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.wanted && !this.replaced && !this.isConnected && this.window?.navigator.onLine !== false)
        this.socket?.connect();
    }, delayMs);
  }
}
