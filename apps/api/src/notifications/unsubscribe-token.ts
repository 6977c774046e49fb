import { createHmac, timingSafeEqual } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * The token of an e-mail's unsubscribe link: the user's id and an HMAC of it under the API's
 * secret, so the link works without a session and cannot be made for someone else.
 */
const signatureOf = (secret: string, userId: string) =>
  createHmac('sha256', secret).update(`notifications-unsubscribe:${userId}`).digest('base64url');

export function unsubscribeToken(secret: string, userId: string): string {
  return `${userId}.${signatureOf(secret, userId)}`;
}

/** The user id the token was made for, or null when it is not one of ours. */
export function verifyUnsubscribeToken(secret: string, token: string): string | null {
  const [userId, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !userId || !signature || !Types.ObjectId.isValid(userId) || userId.length !== 24) return null;
  const expected = Buffer.from(signatureOf(secret, userId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}
