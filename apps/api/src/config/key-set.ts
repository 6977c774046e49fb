/**
 * A key set setting: `kid:secret` pairs separated by commas, such as
 * `2026-12:3f9a…,2026-06:7c21…`. The first key signs; every key verifies what carries its `kid`,
 * so that during a rotation the old and the new key overlap.
 */
export interface NamedKey {
  kid: string;
  secret: string;
}

/** The settings that hold key sets, one per purpose. */
export const KEY_SET_SETTINGS = ['SESSION_KEYS', 'ATTACHMENT_LINK_KEYS', 'UNSUBSCRIBE_LINK_KEYS'] as const;
export type KeySetSetting = (typeof KEY_SET_SETTINGS)[number];

const PAIR = '[A-Za-z0-9_-]{1,32}:[^\\s,]{32,}';
export const KEY_SET_PATTERN = new RegExp(`^\\s*${PAIR}(\\s*,\\s*${PAIR})*\\s*$`);
export const KEY_SET_MESSAGE =
  'must be kid:secret pairs separated by commas (a kid of 1 to 32 letters, digits, "_" or "-", a secret of 32 characters or more without spaces or commas)';

/** The keys of a setting that matches KEY_SET_PATTERN, in order. */
export function parseKeySet(value: string): NamedKey[] {
  return value.split(',').map((pair) => {
    const trimmed = pair.trim();
    const colon = trimmed.indexOf(':');
    return { kid: trimmed.slice(0, colon), secret: trimmed.slice(colon + 1) };
  });
}

type KeySettings = Partial<Record<KeySetSetting | 'JWT_SECRET', string>>;

/**
 * What is wrong with the key settings taken together, as the end of a sentence naming the
 * variable; null when nothing is. Each purpose needs its key set or JWT_SECRET to derive one from,
 * a kid names one key, and no secret serves two purposes.
 */
export function keySetProblem(settings: KeySettings): string | null {
  const owners = new Map<string, string>();
  if (settings.JWT_SECRET) owners.set(settings.JWT_SECRET, 'JWT_SECRET');
  for (const name of KEY_SET_SETTINGS) {
    const value = settings[name];
    if (!value) {
      if (!settings.JWT_SECRET) {
        return `environment variable ${name} is required when JWT_SECRET is unset (kid:secret pairs, see README « Key rotation »).`;
      }
      continue;
    }
    const kids = new Set<string>();
    for (const { kid, secret } of parseKeySet(value)) {
      if (kids.has(kid)) return `environment variable ${name} names the key "${kid}" twice.`;
      kids.add(kid);
      const owner = owners.get(secret);
      if (owner) {
        return `environment variable ${name} reuses a secret of ${owner}: each purpose needs keys of its own.`;
      }
      owners.set(secret, name);
    }
  }
  return null;
}
