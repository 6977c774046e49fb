import { Types } from 'mongoose';
import type { KeyRing } from '../keys/key-ring';

/**
 * The token of an e-mail's unsubscribe link: the user's id, the version of their e-mail
 * preference when the e-mail was written, and a signature of both under the unsubscribe keys
 * (`<kid>~<HMAC>`, see KeyRing), so the link works without a session, cannot be made for someone
 * else, keeps working while its key stays in UNSUBSCRIBE_LINK_KEYS, and stops working once the
 * person turns e-mails back on (which moves the version on). Version 0 writes no version, so the
 * links of e-mails sent before versions existed keep working until then.
 */
export interface UnsubscribeClaim {
  userId: string;
  version: number;
}

const signedPart = ({ userId, version }: UnsubscribeClaim) =>
  `notifications-unsubscribe:${userId}${version > 0 ? `:${version}` : ''}`;

export function unsubscribeToken(keys: KeyRing, claim: UnsubscribeClaim): string {
  const signature = keys.sign(signedPart(claim));
  return claim.version > 0 ? `${claim.userId}.${claim.version}.${signature}` : `${claim.userId}.${signature}`;
}

/** What the token was made for, or null when it is not one of ours. */
export function verifyUnsubscribeToken(keys: KeyRing, token: string): UnsubscribeClaim | null {
  const parts = token.split('.');
  if (parts.length !== 2 && parts.length !== 3) return null;
  const [userId, ...rest] = parts;
  const signature = rest.pop() as string;
  const versionText = rest[0] ?? '0';
  if (!userId || !signature || !Types.ObjectId.isValid(userId) || userId.length !== 24) return null;
  if (!/^(0|[1-9]\d{0,8})$/.test(versionText) || (parts.length === 3 && versionText === '0')) return null;
  const claim = { userId, version: Number(versionText) };
  return keys.verify(signedPart(claim), signature) ? claim : null;
}
