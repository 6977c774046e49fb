import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SOCKET_EVENTS } from '@promoto/shared-dto';
import { Session } from '../auth/session';
import { TokenRefresher } from '../auth/token-refresher';
import { ChatSocket, SOCKET_FACTORY, type AuthRefusal } from './chat-socket';

/** A token of the session with `secondsLeft` of its 900 s to live. */
function tokenExpiringIn(secondsLeft: number): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = btoa(JSON.stringify({ sub: 'u1', sid: 's1', iat: now + secondsLeft - 900, exp: now + secondsLeft }));
  return `header.${payload.replace(/=+$/, '')}.signature`;
}

/** What the handshake's auth callback sends. */
function handshakeAuth(fake: FakeSocket): Promise<unknown> {
  return new Promise((resolve) => (fake.auth as (send: (data: unknown) => void) => void)(resolve));
}

/** The parts of Socket.IO's client socket that ChatSocket uses, driven by the test. */
class FakeSocket {
  private readonly handlers = new Map<string, (...args: unknown[]) => void>();
  auth: unknown;
  connected = false;
  active = false;
  readonly connect = jest.fn(() => {
    this.connected = true;
    this.active = true;
  });
  readonly disconnect = jest.fn(() => {
    this.connected = false;
    this.active = false;
  });
  on(event: string, handler: (...args: unknown[]) => void): void {
    this.handlers.set(event, handler);
  }
  serverSays(event: string, ...args: unknown[]): void {
    if (event === 'disconnect') this.connected = false;
    this.handlers.get(event)?.(...args);
  }
}

describe('ChatSocket', () => {
  let fake: FakeSocket;
  let socket: ChatSocket;
  const token = signal(tokenExpiringIn(600));
  const refresher = { refresh: jest.fn(async () => 'fresh-token') };
  const makeSocket = jest.fn(async () => fake);

  /** A ChatSocket over a new fake socket, not connected yet. */
  function chatSocket(): ChatSocket {
    fake = new FakeSocket();
    TestBed.configureTestingModule({
      providers: [
        { provide: SOCKET_FACTORY, useValue: makeSocket },
        { provide: Session, useValue: { token } },
        { provide: TokenRefresher, useValue: refresher },
        ChatSocket,
      ],
    });
    return TestBed.inject(ChatSocket);
  }

  beforeEach(async () => {
    makeSocket.mockClear();
    token.set(tokenExpiringIn(600));
    refresher.refresh.mockClear();
    socket = chatSocket();
    expect(makeSocket).not.toHaveBeenCalled();
    socket.connect();
    await socketMade();
    fake.serverSays('connect');
  });

  /** Socket.IO's client is loaded, and the socket made, after connect() returns. */
  const socketMade = () => new Promise((resolve) => setTimeout(resolve));

  it('makes its socket once, on the first connect, and streams what the server sends', () => {
    const received: unknown[] = [];
    socket.newMessage$.subscribe((message) => received.push(message));
    fake.serverSays(SOCKET_EVENTS.newMessage, { id: 'm1' });
    expect(received).toEqual([{ id: 'm1' }]);
    expect(socket.state()).toBe('connected');
    expect(socket.isConnected).toBe(true);

    socket.disconnect();
    socket.connect();
    expect(makeSocket).toHaveBeenCalledTimes(1);
  });

  it('announces a connection in the task after socket.io’s, and not one lost meanwhile', async () => {
    // The connection made before this test is announced first.
    await socketMade();
    let announced = 0;
    socket.connected$.subscribe(() => announced++);
    fake.serverSays('disconnect', 'transport close');
    fake.connect();
    fake.serverSays('connect');
    expect(socket.state()).toBe('connected');
    expect(announced).toBe(0);
    await socketMade();
    expect(announced).toBe(1);

    fake.serverSays('connect');
    fake.serverSays('disconnect', 'transport close');
    await socketMade();
    expect(announced).toBe(1);
  });

  it('does not connect a socket made after the session logged out', async () => {
    TestBed.resetTestingModule();
    const late = chatSocket();
    late.connect();
    late.disconnect();
    await socketMade();
    expect(fake.connect).not.toHaveBeenCalled();
    expect(late.state()).toBe('offline');

    TestBed.resetTestingModule();
    late.connect();
    expect(late.state()).toBe('offline');
  });

  it('makes each handshake with the session’s current token, renewed first when it is about to expire', async () => {
    expect(await handshakeAuth(fake)).toEqual({ token: token() });
    const later = tokenExpiringIn(500);
    token.set(later);
    expect(await handshakeAuth(fake)).toEqual({ token: later });
    expect(refresher.refresh).not.toHaveBeenCalled();

    const stale = tokenExpiringIn(3);
    token.set(stale);
    expect(await handshakeAuth(fake)).toEqual({ token: 'fresh-token' });
    expect(refresher.refresh).toHaveBeenCalledWith(stale);
  });

  it('tells a refused handshake with the token it was made with, and stops', async () => {
    const refusals: AuthRefusal[] = [];
    socket.authRefused$.subscribe((refusal) => refusals.push(refusal));
    await handshakeAuth(fake);
    fake.serverSays('disconnect', 'io server disconnect');
    fake.serverSays('connect_error', new Error('TOKEN_EXPIRED: The access token has expired'));
    expect(refusals).toEqual([{ code: 'TOKEN_EXPIRED', token: token() }]);
    expect(socket.state()).toBe('offline');
  });

  afterEach(() => TestBed.resetTestingModule());

  it('reconnects when the server drops the socket for another reason, after a random delay of 0.5 to 1.5 s', () => {
    jest.useFakeTimers();
    try {
      fake.serverSays('disconnect', 'io server disconnect');
      expect(socket.state()).toBe('reconnecting');
      jest.advanceTimersByTime(499);
      expect(fake.connect).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(1_001);
      expect(fake.connect).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stays paused after session-replaced, so that tabs do not take each other’s place in turn, until resumed', () => {
    fake.serverSays(SOCKET_EVENTS.sessionReplaced, { reason: 'too-many-sockets' });
    fake.serverSays('disconnect', 'io server disconnect');
    expect(socket.state()).toBe('replaced');
    expect(fake.connect).toHaveBeenCalledTimes(1);

    socket.resume();
    expect(socket.state()).toBe('connecting');
    expect(fake.connect).toHaveBeenCalledTimes(2);
  });
});
