import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@promoto/shared-dto';
import { io, type Socket } from 'socket.io-client';

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real Socket.IO client over WebSocket, connected with a token (or refused with connect_error). */
export function connectSocket(baseUrl: string, token: string | undefined): Promise<ChatClient> {
  const socket: ChatClient = io(baseUrl, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Emits an event and resolves with its acknowledgement. */
export function emitWithAck<E extends keyof ClientToServerEvents>(
  socket: ChatClient,
  event: E,
  payload: unknown,
): Promise<Ack<Record<string, unknown>> & Record<string, unknown>> {
  return (
    socket.timeout(5_000) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<never>;
    }
  ).emitWithAck(event, payload);
}

/** Resolves with the next `event` on the socket that matches, or rejects after a timeout. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ChatClient,
  event: E,
  matches: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    socket.on(event, listener as never);
  });
}

/** Collects every `event` the socket receives, to assert that something did NOT arrive. */
export function recordEvents<E extends keyof ServerToClientEvents>(
  socket: ChatClient,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const received: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => received.push(payload)) as never);
  return received;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
