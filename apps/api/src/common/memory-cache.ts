import { LRUCache } from 'lru-cache';

export interface MemoryCacheOptions {
  /** Entries kept at most; the least recently used goes first. */
  max: number;
  /** How long an entry is trusted, in milliseconds; unset, until it is pushed out. */
  ttlMs?: number;
}

/**
 * The one way the API keeps things in memory: a bounded LRU (lru-cache), optionally with a time
 * to live, so that no cache grows with the number of users, conversations or replicas.
 */
export function memoryCache<K extends string, V extends NonNullable<unknown>>(
  options: MemoryCacheOptions,
): LRUCache<K, V> {
  return new LRUCache<K, V>({
    max: options.max,
    ...(options.ttlMs ? { ttl: options.ttlMs, ttlAutopurge: false } : {}),
  });
}
