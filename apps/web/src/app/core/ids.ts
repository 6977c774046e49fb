/**
 * Orders two server ids (24-hex ObjectIds). Ids of equal length compare as strings, which
 * follows their creation order; that is how the API compares read watermarks too.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A random id for an outgoing message, so that a retry is stored once. Built from
 * getRandomValues rather than randomUUID, which browsers only offer on secure origins.
 */
export function newClientMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
