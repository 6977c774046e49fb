import type { MessageView } from '@promoto/shared-dto';

/** How many recent message ids are remembered, to deliver each message once. */
const REMEMBERED_IDS = 10_000;

/**
 * Delivers each message of the user's conversations once, in the order of their ids (the order
 * they were stored in), whether it came live or through a catch-up, and keeps the newest id
 * received: the point the next catch-up starts from. While a catch-up runs, live messages wait
 * and go out with the caught-up ones. Messages this client sent itself are never delivered.
 */
export class Delivery {
  private readonly seen = new Set<string>();
  /** The clientMessageIds of this client's sends not yet settled: their message may come back first. */
  private readonly sending = new Set<string>();
  private waiting: MessageView[] | null = null;
  private newest: string | null = null;

  constructor(private readonly deliver: (message: MessageView) => void) {}

  /** The newest message id received, or null before any. */
  get watermark(): string | null {
    return this.newest;
  }

  set watermark(id: string | null) {
    this.newest = id;
  }

  /** A send of this client starts: its message, should a catch-up or the socket bring it, is not delivered. */
  sendStarted(clientMessageId: string): void {
    this.sending.add(clientMessageId);
  }

  /** A send of this client settled: acknowledged as `message`, or given up. */
  sendSettled(clientMessageId: string, message?: MessageView): void {
    if (message) this.remember(message.id);
    this.sending.delete(clientMessageId);
  }

  received(message: MessageView): void {
    if (this.waiting) this.waiting.push(message);
    else this.accept(message);
  }

  /** Live messages wait from now until caughtUp(). */
  catchingUp(): void {
    this.waiting ??= [];
  }

  caughtUp(missed: MessageView[]): void {
    const messages = [...missed, ...(this.waiting ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.waiting = null;
    for (const message of messages) this.accept(message);
  }

  private accept(message: MessageView): void {
    if (this.newest === null || message.id > this.newest) this.newest = message.id;
    if (this.seen.has(message.id)) return;
    this.remember(message.id);
    if (message.clientMessageId && this.sending.has(message.clientMessageId)) return;
    this.deliver(message);
  }

  private remember(id: string): void {
    this.seen.add(id);
    // A Set iterates in insertion order: the first id is the oldest remembered.
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value as string);
  }
}
