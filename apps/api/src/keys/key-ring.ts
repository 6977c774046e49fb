import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NamedKey } from '../config/key-set';

/** A key as it signs: its `kid`, or null for the key derived from JWT_SECRET (written before kids). */
export interface RingKey {
  kid: string | null;
  key: Buffer;
}

/** Separates the kid from the MAC in a link's signature: `<kid>~<mac>`, never in a kid or in base64url. */
const KID_SEPARATOR = '~';

/**
 * The keys of one purpose (sessions, attachment links, unsubscribe links). The first key of the
 * purpose's key set signs; every key of the set verifies what names its kid, and the key derived
 * from JWT_SECRET, when there is one, verifies what carries no kid (everything signed before key
 * sets). Without a key set, the derived key signs too, exactly as before.
 */
export class KeyRing {
  private readonly byKid = new Map<string, Buffer>();
  readonly signing: RingKey;

  constructor(
    keys: readonly NamedKey[],
    private readonly legacy: Buffer | null,
  ) {
    for (const { kid, secret } of keys) this.byKid.set(kid, Buffer.from(secret, 'utf8'));
    const [first] = keys;
    if (first) this.signing = { kid: first.kid, key: this.byKid.get(first.kid) as Buffer };
    else if (legacy) this.signing = { kid: null, key: legacy };
    else throw new Error('A key ring needs a key set or a key derived from JWT_SECRET.');
  }

  /** The key a token or link names by its kid (none: the derived key); null when it is not ours. */
  find(kid: string | null | undefined): Buffer | null {
    return kid === null || kid === undefined ? this.legacy : (this.byKid.get(kid) ?? null);
  }

  /** A signature of `data` for a link: `<kid>~<HMAC-SHA256 in base64url>`, or the bare MAC under the derived key. */
  sign(data: string): string {
    const mac = hmac(this.signing.key, data);
    return this.signing.kid === null ? mac : `${this.signing.kid}${KID_SEPARATOR}${mac}`;
  }

  /** True when `signature` is sign(data) under one of this ring's keys. */
  verify(data: string, signature: string): boolean {
    const separator = signature.indexOf(KID_SEPARATOR);
    const kid = separator === -1 ? null : signature.slice(0, separator);
    const key = this.find(kid);
    if (!key) return false;
    const expected = Buffer.from(hmac(key, data));
    const given = Buffer.from(signature.slice(separator + 1));
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function hmac(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}
