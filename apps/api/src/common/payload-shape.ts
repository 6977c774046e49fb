import { badRequest } from './app-exception';

/**
 * The deepest nesting a request may have. The deepest valid body (register with its garage) is
 * 2 levels; validation and transformation recurse, so a body thousands of levels deep must be
 * refused before they see it.
 */
export const MAX_PAYLOAD_DEPTH = 8;

/**
 * Keys that name the object machinery rather than data: `__proto__`, `constructor`, `prototype`
 * and every other name an object inherits (`toString`, `valueOf`, …). Class-transformer and
 * Nest's pipes treat some of them specially, so they are refused like any unknown field.
 */
const RESERVED_KEYS = new Set(['prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

/** A surrogate half without its other half: not a character, and UTF-8 cannot store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const pathOf = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * Checks a decoded REST body, query or socket payload before any transformation: bounded
 * depth, no reserved keys, no lone surrogates in any string (they would be stored as U+FFFD
 * while the sender is told what they sent). Iterative, so that no input can overflow the stack.
 */
export function assertSafePayload(value: unknown): void {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop() as (typeof pending)[number];
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) {
        throw badRequest(`${path || 'the payload'} must be valid Unicode text (it holds a lone surrogate).`);
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_PAYLOAD_DEPTH) {
      throw badRequest(`The payload is nested too deeply (at most ${MAX_PAYLOAD_DEPTH} levels).`);
    }
    for (const key of Object.keys(current)) {
      if (RESERVED_KEYS.has(key)) throw badRequest(`property ${pathOf(path, key)} should not exist`);
      if (LONE_SURROGATE.test(key)) throw badRequest('Field names must be valid Unicode text.');
      pending.push({ value: (current as Record<string, unknown>)[key], path: pathOf(path, key), depth: depth + 1 });
    }
  }
}
