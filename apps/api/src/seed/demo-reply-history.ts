import { dayOf, type Replies } from '../responsiveness/reply-days';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

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
 * both periods of the responsiveness figures have data, and the answers they got.
 */
export function demoReplyHistory(garage: keyof typeof REPLY_PATTERNS): Replies {
  const today = dayOf(new Date());
  const replies: Replies = { requests: [], answers: [] };
  for (let daysAgo = 58; daysAgo >= 2; daysAgo -= 2) {
    const pattern = daysAgo >= 30 ? REPLY_PATTERNS[garage].previous : REPLY_PATTERNS[garage].current;
    const requestedAt = new Date((today - daysAgo) * DAY + 9.5 * 60 * MINUTE);
    const replyMinutes = pattern[(daysAgo / 2) % pattern.length];
    replies.requests.push(requestedAt);
    if (replyMinutes !== null) {
      replies.answers.push({ requestedAt, answeredAt: new Date(requestedAt.getTime() + replyMinutes * MINUTE) });
    }
  }
  return replies;
}
