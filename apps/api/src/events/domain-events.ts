import { Injectable, Logger } from '@nestjs/common';

/** An event's class: listeners subscribe by class, and an event is published as an instance. */
export type EventType<E> = abstract new (...args: never[]) => E;
type Listener<E> = (event: E) => Promise<void> | void;

/**
 * In-process domain events: a module publishes what happened, other modules react, and the
 * publisher imports none of them. `publish` resolves once every listener has finished; a
 * listener's failure is logged and never reaches the publisher nor the other listeners (each
 * listener is idempotent and recovers from what is durable, see README: the send path).
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly listeners = new Map<EventType<unknown>, Listener<never>[]>();

  on<E>(type: EventType<E>, listener: Listener<E>): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener as Listener<never>]);
  }

  async publish<E extends object>(event: E): Promise<void> {
    const listeners = (this.listeners.get(event.constructor as EventType<E>) ?? []) as Listener<E>[];
    await Promise.all(
      listeners.map(async (listener) => {
        try {
          await listener(event);
        } catch (error) {
          this.logger.error(`a listener of ${event.constructor.name} failed: ${(error as Error).message}`);
        }
      }),
    );
  }
}
