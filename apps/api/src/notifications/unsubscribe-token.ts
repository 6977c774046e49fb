import { createHmac, timingSafeEqual } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * The token of an e-mail's unsubscribe link: the user's id, the version of their e-mail
 * preference when the e-mail was written, and an HMAC of both under the API's secret, so the
 * link works without a session, cannot be made for someone else, and stops working once the
 * person turns e-mails back on (which moves the version on). Version 0 writes no version, so the
 * links of e-mails sent before versions existed keep working until then.
 */
export interface UnsubscribeClaim {
  userId: string;
  version: number;
}

const signatureOf = (secret: string, { userId, version }: UnsubscribeClaim) =>
  createHmac('sha256', secret)
    .update(`notifications-unsubscribe:${userId}${version > 0 ? `:${version}` : ''}`)
    .digest('base64url');

export function unsubscribeToken(secret: string, claim: UnsubscribeClaim): string {
  const signature = signatureOf(secret, claim);
  return claim.version > 0 ? `${claim.userId}.${claim.version}.${signature}` : `${claim.userId}.${signature}`;
}

/** What the token was made for, or null when it is not one of ours. */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeClaim | null {
  const parts = token.split('.');
  if (parts.length !== 2 && parts.length !== 3) return null;
  const [userId, ...rest] = parts;
  const signature = rest.pop() as string;
  const versionText = rest[0] ?? '0';
  if (!userId || !signature || !Types.ObjectId.isValid(userId) || userId.length !== 24) return null;
  if (!/^(0|[1-9]\d{0,8})$/.test(versionText) || (parts.length === 3 && versionText === '0')) return null;
  const claim = { userId, version: Number(versionText) };
  const expected = Buffer.from(signatureOf(secret, claim));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? claim : null;
}
