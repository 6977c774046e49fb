/**
 * A signed link's `expires` (unix seconds, as the query gives it) if it is well formed and has not
 * passed, else null: checked before its signature, by every kind of signed link alike.
 */
export function unexpired(expires: string, now = Date.now()): number | null {
  if (!/^\d{1,12}$/.test(expires)) return null;
  const seconds = Number(expires);
  return seconds * 1000 > now ? seconds : null;
}
