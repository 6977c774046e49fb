import { TestBed } from '@angular/core/testing';
import { SOCKET_EVENTS } from '@promoto/shared-dto';
import { Socket } from 'ngx-socket-io';
import { Subject } from 'rxjs';
import { ChatSocket } from './chat-socket';

/** The parts of ngx-socket-io's Socket that ChatSocket uses, driven by the test. */
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
  fromEvent() {
    return new Subject();
  }
  serverSays(event: string, ...args: unknown[]): void {
    if (event === 'disconnect') this.connected = false;
    this.handlers.get(event)?.(...args);
  }
}

describe('ChatSocket', () => {
  let fake: FakeSocket;
  let socket: ChatSocket;

  beforeEach(() => {
    fake = new FakeSocket();
    TestBed.configureTestingModule({ providers: [{ provide: Socket, useValue: fake }, ChatSocket] });
    socket = TestBed.inject(ChatSocket);
    socket.connect('token');
    fake.serverSays('connect');
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
