import { readFileSync } from 'node:fs';
import { KEY_SET_SETTINGS, parseKeySet } from './key-set';

/** Settings that may come from a file (`<NAME>_FILE`, as compose and Kubernetes mount secrets). */
export const SECRET_SETTINGS = [
  'MONGODB_URI',
  'REDIS_URL',
  'SMTP_URL',
  'JWT_SECRET',
  'SESSION_KEYS',
  'ATTACHMENT_LINK_KEYS',
  'UNSUBSCRIBE_LINK_KEYS',
  'METRICS_TOKEN',
  'VAPID_PRIVATE_KEY',
] as const;

/** Values copied from an example file and never replaced: refused in production. */
const PLACEHOLDER = /change[-_ ]?me|changeit|placeholder|replace[-_ ]?me|secret-here|your[-_]?(secret|password|token)/i;

/** Secrets from tools/dev.env carry this prefix so that production can refuse them. */
const DEVELOPMENT_SECRET_PREFIX = 'dev-only-';

/**
 * Replaces each `<NAME>_FILE` by the content of the file it names (one trailing newline dropped,
 * as `echo` and editors leave one). `<NAME>` set to another value as well is refused: which one
 * wins would be a guess (the same value is fine: ConfigModule copies what it validated into
 * process.env, which main.ts validates again).
 */
export function readSecretFiles(raw: Record<string, unknown>): Record<string, unknown> {
  const resolved = { ...raw };
  for (const name of SECRET_SETTINGS) {
    const path = raw[`${name}_FILE`];
    if (path === undefined || path === '') continue;
    let content: string;
    try {
      content = readFileSync(String(path), 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new Error(
        `Invalid configuration: environment variable ${name}_FILE names ${String(path)}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
    if (raw[name] !== undefined && raw[name] !== '' && raw[name] !== content) {
      throw new Error(
        `Invalid configuration: environment variables ${name} and ${name}_FILE are both set, to different values; set one.`,
      );
    }
    resolved[name] = content;
    delete resolved[`${name}_FILE`];
  }
  return resolved;
}

/** The secret parts of a setting: the password of a connection URL, a key set's secrets, the whole value otherwise. */
function secretParts(name: (typeof SECRET_SETTINGS)[number], value: string): string[] {
  if ((KEY_SET_SETTINGS as readonly string[]).includes(name)) {
    return parseKeySet(value).map((key) => key.secret);
  }
  if (name !== 'MONGODB_URI' && name !== 'REDIS_URL' && name !== 'SMTP_URL') return [value];
  try {
    return [decodeURIComponent(new URL(value).password)];
  } catch {
    return [];
  }
}

/** Production refuses the development secret and example placeholders such as `change-me`. */
export function refuseUnsafeSecrets(settings: Partial<Record<(typeof SECRET_SETTINGS)[number], string>>): void {
  for (const name of ['JWT_SECRET', ...KEY_SET_SETTINGS] as const) {
    const value = settings[name];
    if (value && secretParts(name, value).some((secret) => secret.startsWith(DEVELOPMENT_SECRET_PREFIX))) {
      throw new Error(
        `Invalid configuration: environment variable ${name} holds the development secret; production must supply its own.`,
      );
    }
  }
  for (const name of SECRET_SETTINGS) {
    const value = settings[name];
    if (value && secretParts(name, value).some((secret) => PLACEHOLDER.test(secret))) {
      throw new Error(
        `Invalid configuration: environment variable ${name} holds a placeholder secret; production must supply its own.`,
      );
    }
  }
}
