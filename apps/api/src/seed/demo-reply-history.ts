const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A past request to a demo garage: when it was made and, unless never, how many minutes the answer took. */
export interface DemoRequest {
  requestedAt: Date;
  replyMinutes: number | null;
}

/**
 * Reply times, in minutes, cycled over the demo's past requests (null: never answered). Marc
 * Dupont answered within the hour most of the time over the last 30 days and more slowly before,
 * so his dashboard shows an improving trend; Sophie Leroy answers within hours.
 */
const REPLY_PATTERNS = {
  marc: {
    current: [8, 35, 20, 50, 12, 95, 25, 40],
    previous: [25, 70, 40, 200, null, 55, 130, 1500],
  },
  sophie: {
    current: [240, 90, 700, null, 150, 2000, 320],
    previous: [180, 400, 90, 1600, 60, null],
  },
} as const;

/**
 * The demo garages' requests of the 60 days before now, one every other day at 9:30 UTC, so that
 * both periods of the responsiveness figures have data.
 */
export function demoReplyHistory(garage: keyof typeof REPLY_PATTERNS, now = new Date()): DemoRequest[] {
  const today = Math.floor(now.getTime() / DAY);
  const requests: DemoRequest[] = [];
  for (let daysAgo = 58; daysAgo >= 2; daysAgo -= 2) {
    const pattern = daysAgo >= 30 ? REPLY_PATTERNS[garage].previous : REPLY_PATTERNS[garage].current;
    requests.push({
      requestedAt: new Date((today - daysAgo) * DAY + 9.5 * 60 * MINUTE),
      replyMinutes: pattern[(daysAgo / 2) % pattern.length],
    });
  }
  return requests;
}
