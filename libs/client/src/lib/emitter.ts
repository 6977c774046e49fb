type Listener = (...args: never[]) => unknown;

/**
 * A listener per event name, typed by an event map; works the same in Node.js and browsers. A
 * listener that throws, or returns a promise that rejects, is reported to `listenerFailed`, never left
 * as an unhandled rejection.
 */
export class Emitter<Events extends { [E in keyof Events]: Listener }> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  constructor(private readonly listenerFailed: (error: unknown) => void) {}

  /** Adds a listener; returns the function that removes it. */
  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    const listeners = this.listeners.get(event) ?? new Set();
    listeners.add(listener);
    this.listeners.set(event, listeners);
    return () => this.off(event, listener);
  }

  off<E extends keyof Events>(event: E, listener: Events[E]): void {
    this.listeners.get(event)?.delete(listener);
  }

  /** Whether anything listens to `event`. */
  listens(event: keyof Events): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        const result = (listener as (...values: Parameters<Events[E]>) => unknown)(...args);
        if (result instanceof Promise) result.catch(this.listenerFailed);
      } catch (error) {
        this.listenerFailed(error);
      }
    }
  }
}
