import { PromotoClient, type PromotoClientEvents, type PromotoClientOptions } from '@promoto/client';
import type { TestApp } from './test-app';

/** A client of the test app with quick reconnections, closed after the tests. */
export function clients(app: () => TestApp) {
  const created: PromotoClient[] = [];
  afterAll(() => created.forEach((client) => client.close()));
  return (options: Partial<PromotoClientOptions> = {}) => {
    const client = new PromotoClient({
      baseUrl: app().baseUrl,
      socket: { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300 },
      ...options,
    });
    created.push(client);
    return client;
  };
}

/** Every `event` the client tells, with its arguments. */
export function record<E extends keyof PromotoClientEvents>(client: PromotoClient, event: E) {
  const seen: Parameters<PromotoClientEvents[E]>[] = [];
  const listener = (...args: Parameters<PromotoClientEvents[E]>) => void seen.push(args);
  client.on(event, listener as unknown as PromotoClientEvents[E]);
  return seen;
}
