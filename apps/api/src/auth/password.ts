import { Algorithm, hash, hashSync, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

/**
 * argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane): memory-hard against GPU guessing,
 * and unlike bcrypt it reads the whole password instead of its first 72 bytes.
 */
const ARGON2ID = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes written before argon2id: bcrypt's `$2a$`/`$2b$`/`$2y$` prefixes. */
const isBcrypt = (stored: string) => stored.startsWith('$2');

export const hashPassword = (password: string) => hash(password, ARGON2ID);

/** Whether the password matches, and whether the stored hash is bcrypt and should be replaced. */
export async function verifyPassword(password: string, stored: string): Promise<{ valid: boolean; upgrade: boolean }> {
  if (isBcrypt(stored)) {
    const valid = await bcrypt.compare(password, stored);
    return { valid, upgrade: valid };
  }
  return { valid: await verify(stored, password).catch(() => false), upgrade: false };
}

/** Compared against when the email is unknown, so that both failures take the same time. */
export const UNKNOWN_USER_HASH = hashSync('timing-equaliser', ARGON2ID);
