import type { LRUCache } from 'lru-cache';
import { memoryCache } from './memory-cache';

/**
 * How long a replica trusts an entry of a NotifiedCache. Every change is told to every replica at
 * once, and a replica whose Redis connection dropped forgets everything when it is back (it may
 * have missed notices); this bounds the one notice left: a change written by a replica that could
 * not reach Redis for longer than its publisher's retries while this replica's connection held.
 */
export const NOTIFIED_CACHE_TTL_MS = 10 * 60_000;

/**
 * What a replica keeps of data that changes only through writes that forget it on every replica
 * (a notice through ChatEvents): exact, so it can live long, unlike a cache refreshed by time.
 * A read begun before a forget is not kept after it: it may be older than the change.
 */
export class NotifiedCache<V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<string, V>;
  /** Reads on their way: a key's concurrent readers (a conversation's first messages) share one. */
  private readonly reading = new Map<string, Promise<V>>();
  /** Forgets so far: a read that saw another count when it began is answered but not kept. */
  private forgets = 0;

  constructor(max: number) {
    this.entries = memoryCache<string, V>({ max, ttlMs: NOTIFIED_CACHE_TTL_MS });
  }

  /** The entry, from memory when read before, else read by `load` (and kept unless forgotten meanwhile). */
  read(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    const pending = this.reading.get(key);
    if (pending) return pending;
    const forgetsBefore = this.forgets;
    const read = load().then(
      (value) => {
        if (this.reading.get(key) === read) this.reading.delete(key);
        if (this.forgets === forgetsBefore) this.entries.set(key, value);
        return value;
      },
      (error: unknown) => {
        if (this.reading.get(key) === read) this.reading.delete(key);
        throw error;
      },
    );
    this.reading.set(key, read);
    return read;
  }

  /** What this replica itself just wrote (the others are told to forget theirs); a read on its way is older. */
  set(key: string, value: V): void {
    this.forget(key);
    this.entries.set(key, value);
  }

  /** A read on its way is not shared past this point: it may be older than the change. */
  forget(key: string): void {
    this.forgets += 1;
    this.entries.delete(key);
    this.reading.delete(key);
  }

  forgetAll(): void {
    this.forgets += 1;
    this.entries.clear();
    this.reading.clear();
  }
}
