import type {
  ConversationUpdatedEvent,
  LoginRequest,
  MarkReadResponse,
  MessagesReadEvent,
  MessageView,
  SendMessageRequest,
  TypingEvent,
} from '@promoto/shared-dto';
import { missedMessages, newestMessageId } from './catch-up';
import { Connection, type ChatSocket, type SocketSettings } from './connection';
import { Delivery } from './delivery';
import { Emitter } from './emitter';
import { PromotoError } from './errors';
import { createRestClient, unwrap, type RestClient } from './rest';
import { newClientMessageId, sendUntilAcknowledged, type SendOptions, type SendSettings } from './sender';
import { SessionKeeper, type RenewSession, type Session } from './session';

export interface PromotoClientOptions {
  /** The API's origin, e.g. `https://messages.example.com` (REST under /api, Socket.IO at /socket.io). */
  baseUrl: string;
  /** Gives a fresh session when the API says TOKEN_EXPIRED (see RenewSession); by default, the refresh route. */
  renewSession?: RenewSession;
  /** How long a send waits for its acknowledgement before sending again (10 s). */
  ackTimeoutMs?: number;
  /** The first pause before sending again after a refusal that passes (1 s, doubling). */
  retryDelayMs?: number;
  /** Reads what was missed through REST after each (re)connection (true). */
  catchUp?: boolean;
  /** More socket.io-client options (transports, reconnection delays, …). */
  socket?: SocketSettings;
  /** The fetch to call the REST API with (the global one). */
  fetch?: typeof fetch;
}

/** What the client tells: `client.on('message', (message) => …)`. */
export interface PromotoClientEvents {
  /**
   * A message of one of my conversations that this client did not send itself (the other
   * person's, or mine from another device), once, live or caught up after a reconnection.
   */
  message: (message: MessageView) => void;
  /** A message edited or deleted by its author. */
  'message-updated': (message: MessageView) => void;
  'messages-read': (event: MessagesReadEvent) => void;
  'conversation-updated': (event: ConversationUpdatedEvent) => void;
  typing: (event: TypingEvent) => void;
  /** Connected, first or again (after the catch-up of what was missed). */
  connected: () => void;
  /** The connection was lost (`reason` from socket.io-client); it comes back by itself unless stopped follows. */
  disconnected: (reason: string) => void;
  /** The socket will not reconnect: SESSION_REPLACED, CLOSED, or a handshake refused for good. */
  stopped: (error: PromotoError) => void;
  /** Something failed outside any call of yours: a catch-up, or one of your listeners. */
  error: (error: unknown) => void;
}

/**
 * A client of the Promoto Messages API for Node.js and browsers: typed REST calls (`api`), the
 * socket typed by the shared event maps (`socket`), sends retried until acknowledged, the messages
 * missed while disconnected read back after each reconnection, and the session renewed when it
 * expires. Errors are PromotoErrors with a typed `code`.
 */
export class PromotoClient extends Emitter<PromotoClientEvents> {
  /** The REST API, typed from its OpenAPI document; pair with `unwrap` to get the body or a PromotoError. */
  readonly api: RestClient;
  private readonly sessions: SessionKeeper;
  private readonly connection: Connection;
  private readonly delivery: Delivery;
  private readonly sendSettings: SendSettings;
  private readonly catchUpEnabled: boolean;
  private firstConnection: Promise<void> | null = null;
  private reportingError = false;
  private resynchronised = Promise.resolve();

  constructor(private readonly options: PromotoClientOptions) {
    super((error) => this.reportError(error));
    this.sessions = new SessionKeeper(options.renewSession ?? ((expired) => this.refresh(expired)));
    this.api = createRestClient(options.baseUrl, this.sessions, options.fetch ?? globalThis.fetch.bind(globalThis));
    this.sendSettings = { ackTimeoutMs: options.ackTimeoutMs ?? 10_000, retryDelayMs: options.retryDelayMs ?? 1_000 };
    this.catchUpEnabled = options.catchUp ?? true;
    this.delivery = new Delivery((message) => this.emit('message', message));
    this.connection = new Connection(options.baseUrl, options.socket ?? {}, this.sessions, {
      // One catch-up at a time: a reconnection during one waits for it.
      connected: () => void (this.resynchronised = this.resynchronised.then(() => this.resynchronise())),
      disconnected: (reason) => this.emit('disconnected', reason),
      stopped: (error) => this.emit('stopped', error),
    });
    const socket = this.connection.socket;
    socket.on('new-message', (message) => this.delivery.received(message));
    socket.on('message-updated', (message) => this.emit('message-updated', message));
    socket.on('messages-read', (event) => this.emit('messages-read', event));
    socket.on('conversation-updated', (event) => this.emit('conversation-updated', event));
    socket.on('typing', (event) => this.emit('typing', event));
  }

  /** The socket.io-client socket, typed by the shared event maps, for events this client does not wrap. */
  get socket(): ChatSocket {
    return this.connection.socket;
  }

  get session(): Session | null {
    return this.sessions.session;
  }

  /** Uses a session obtained elsewhere (a stored token, a register call). */
  useSession(session: Session): void {
    this.sessions.session = session;
  }

  /**
   * Logs in. The session is renewed through the refresh route when it expires; with `renew: true`
   * (and no renewSession of your own), the credentials are kept in memory and the client logs in
   * again instead.
   */
  async login(credentials: LoginRequest, { renew = false }: { renew?: boolean } = {}): Promise<Session> {
    const logIn = () => unwrap(this.api.POST('/api/auth/login', { body: credentials }));
    const session = await logIn();
    this.sessions.session = session;
    if (renew && !this.options.renewSession) this.sessions.renewal = logIn;
    return session;
  }

  /**
   * Ends the session on the server (its tokens stop working everywhere) and closes the socket;
   * `everywhere: true` ends every session of the account (« Se déconnecter partout »).
   */
  async logout({ everywhere = false }: { everywhere?: boolean } = {}): Promise<void> {
    await unwrap(this.api.POST(everywhere ? '/api/auth/logout-all' : '/api/auth/logout'));
    this.close();
    this.sessions.session = null;
  }

  /**
   * Opens the socket; resolves once connected (and caught up), rejects with the PromotoError of a
   * handshake refused for good. The socket then stays connected until close().
   */
  connect(): Promise<void> {
    this.firstConnection ??= this.openSocket().catch((error: unknown) => {
      this.firstConnection = null;
      throw error;
    });
    return this.firstConnection;
  }

  private async openSocket(): Promise<void> {
    this.sessions.token();
    if (this.catchUpEnabled && this.delivery.watermark === null) {
      this.delivery.watermark = await newestMessageId(this.api);
    }
    const caughtUp = new Promise<void>((resolve) => {
      const off = this.on('connected', () => {
        off();
        resolve();
      });
    });
    this.connection.open();
    // Connected means caught up too; a connection that stops before that rejects.
    await this.connection.connected().then(() => caughtUp);
  }

  /** Closes the socket for good: pending sends reject with CLOSED. */
  close(): void {
    this.connection.close();
    this.firstConnection = null;
  }

  /**
   * Sends a message and resolves with it as stored, once acknowledged: see sendUntilAcknowledged.
   * A `clientMessageId` is chosen when the request has none.
   */
  async send(request: SendMessageRequest, options?: SendOptions): Promise<MessageView> {
    const clientMessageId = request.clientMessageId ?? newClientMessageId();
    this.delivery.sendStarted(clientMessageId);
    let message: MessageView | undefined;
    try {
      message = await sendUntilAcknowledged(
        this.connection,
        { ...request, clientMessageId },
        this.sendSettings,
        options,
      );
      return message;
    } finally {
      this.delivery.sendSettled(clientMessageId, message);
    }
  }

  /** The default renewal: the session's next tokens from the refresh route, which uses its refresh token up. */
  private async refresh(expired: Session): Promise<Session> {
    if (!expired.refreshToken) {
      throw new PromotoError(
        'TOKEN_EXPIRED',
        'The session has expired and came without its refresh token: log in again.',
      );
    }
    return unwrap(this.api.POST('/api/auth/refresh', { body: { refreshToken: expired.refreshToken } }));
  }

  /** Marks as read everything `userId` sent me. */
  markRead(userId: string): Promise<MarkReadResponse> {
    return unwrap(this.api.PUT('/api/messages/read', { body: { userId } }));
  }

  /** After each connection, what was missed while disconnected, then the live messages that came meanwhile. */
  private async resynchronise(): Promise<void> {
    if (this.catchUpEnabled) {
      this.delivery.catchingUp();
      let missed: MessageView[] = [];
      try {
        missed = await missedMessages(this.api, this.delivery.watermark);
      } catch (error) {
        this.reportError(error);
      }
      this.delivery.caughtUp(missed);
    }
    this.emit('connected');
  }

  private reportError(error: unknown): void {
    // An 'error' listener that fails too is not told again.
    if (this.listens('error') && !this.reportingError) {
      this.reportingError = true;
      this.emit('error', error);
      this.reportingError = false;
    } else {
      console.error('[@promoto/client]', error);
    }
  }
}
