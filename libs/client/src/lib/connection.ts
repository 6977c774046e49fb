import type { ClientToServerEvents, ServerToClientEvents, SocketConnectErrorData } from '@promoto/shared-dto';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { PromotoError } from './errors';
import type { SessionKeeper } from './session';

/** A socket.io-client socket typed by the shared event maps. */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type SocketSettings = Partial<ManagerOptions & SocketOptions>;

export interface ConnectionHooks {
  /** The socket is connected (again). */
  connected(): void;
  disconnected(reason: string): void;
  /** The socket will not connect again: `error` says why (SESSION_REPLACED, a refused handshake, CLOSED). */
  stopped(error: PromotoError): void;
}

/** How long to wait before handshaking again after DATABASE_UNAVAILABLE. */
const REFUSED_RETRY_MS = 2_000;

/**
 * The socket, kept connected. socket.io-client reconnects by itself after a lost transport; this
 * also reconnects when the server closed the socket (its token expired) or refused the handshake
 * for a reason that passes: TOKEN_EXPIRED (with a renewed session) or DATABASE_UNAVAILABLE. It
 * stays closed after `session-replaced` (the account opened too many sockets elsewhere), after a
 * handshake refused for good, and after close(). Each handshake sends the session's current token.
 */
export class Connection {
  readonly socket: ChatSocket;
  private stoppedWith: PromotoError | null = null;
  private readonly waiting = new Set<{ resolve(): void; reject(error: PromotoError): void }>();

  constructor(
    url: string,
    settings: SocketSettings,
    private readonly sessions: SessionKeeper,
    private readonly hooks: ConnectionHooks,
  ) {
    this.socket = io(url, {
      path: '/socket.io',
      ...settings,
      autoConnect: false,
      auth: (deliver) => deliver({ token: this.sessions.session?.accessToken }),
    });
    this.socket.on('connect', () => {
      for (const waiter of this.waiting) waiter.resolve();
      this.waiting.clear();
      this.hooks.connected();
    });
    this.socket.on('disconnect', (reason) => {
      this.hooks.disconnected(reason);
      // The server closed it: the token expired (a handshake with it says TOKEN_EXPIRED, see below).
      if (reason === 'io server disconnect' && !this.stoppedWith) this.socket.connect();
    });
    this.socket.on('connect_error', (error) => void this.refused(error));
    this.socket.on('session-replaced', (event) => this.stop(new PromotoError('SESSION_REPLACED', event.message)));
  }

  get isConnected(): boolean {
    return this.socket.connected;
  }

  open(): void {
    this.stoppedWith = null;
    this.socket.connect();
  }

  close(): void {
    this.stop(new PromotoError('CLOSED', 'The client was closed.'));
  }

  /** Resolves once the socket is connected; rejects once it will not connect again, or on `signal`. */
  connected(signal?: AbortSignal): Promise<void> {
    if (this.stoppedWith) return Promise.reject(this.stoppedWith);
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', abort);
          resolve();
        },
        reject: (error: PromotoError) => {
          signal?.removeEventListener('abort', abort);
          reject(error);
        },
      };
      const abort = () => {
        this.waiting.delete(waiter);
        reject(new PromotoError('ABORTED', 'Aborted while waiting for the connection.'));
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      this.waiting.add(waiter);
    });
  }

  /** A connect_error: socket.io-client retries a failed transport itself, not a refused handshake. */
  private async refused(error: Error & { data?: SocketConnectErrorData }): Promise<void> {
    if (this.socket.active || this.stoppedWith) return;
    const code = error.data?.code;
    try {
      if (code === 'TOKEN_EXPIRED') await this.sessions.renew(this.sessions.token());
      else if (code === 'DATABASE_UNAVAILABLE') await new Promise((resolve) => setTimeout(resolve, REFUSED_RETRY_MS));
      else throw error.data ? PromotoError.from(error.data) : new PromotoError('NETWORK_ERROR', error.message);
    } catch (failure) {
      return this.stop(failure instanceof PromotoError ? failure : new PromotoError('NETWORK_ERROR', String(failure)));
    }
    if (!this.stoppedWith) this.socket.connect();
  }

  private stop(error: PromotoError): void {
    if (this.stoppedWith) return;
    this.stoppedWith = error;
    this.socket.disconnect();
    for (const waiter of this.waiting) waiter.reject(error);
    this.waiting.clear();
    this.hooks.stopped(error);
  }
}
