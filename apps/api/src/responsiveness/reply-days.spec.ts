import { REPLY_TIME_BRACKETS_MINUTES } from '@promoto/shared-dto';
import { DEFAULT_SCHEDULE, openMsBetween } from '../opening-hours/opening-schedule';
import {
  addCounts,
  answerCounts,
  bracketOf,
  countsByDay,
  dayOf,
  figuresOf,
  requestCounts,
  type DaySlot,
} from './reply-days';

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

describe('reply days', () => {
  it('puts a reply time in the first bracket whose bound it does not exceed', () => {
    expect(bracketOf(0)).toBe(0);
    expect(bracketOf(5 * MINUTE)).toBe(0);
    expect(bracketOf(5 * MINUTE + 1)).toBe(1);
    expect(bracketOf(59 * MINUTE)).toBe(3);
    expect(bracketOf(24 * 60 * MINUTE)).toBe(7);
    expect(bracketOf(8 * 24 * 60 * MINUTE)).toBe(REPLY_TIME_BRACKETS_MINUTES.length);
  });

  it('counts an answer within 24 hours only up to exactly 24 hours', () => {
    const asked = at('2026-11-01T10:00:00Z');
    expect(answerCounts(asked, at('2026-11-02T10:00:00Z')).answeredWithin24h).toBe(1);
    expect(answerCounts(asked, at('2026-11-02T10:00:01Z')).answeredWithin24h).toBe(0);
  });

  it('adds counts bracket by bracket', () => {
    const asked = at('2026-11-01T10:00:00Z');
    const sum = addCounts(
      addCounts(requestCounts(), answerCounts(asked, at('2026-11-01T10:03:00Z'))),
      answerCounts(asked, at('2026-11-01T10:04:00Z')),
    );
    expect(sum).toEqual({ requests: 1, answered: 2, answeredWithin24h: 2, brackets: { b0: 2 } });
  });

  it('settles old requests whether answered or not, and recent ones only once answered', () => {
    const today = dayOf(at('2026-11-28T12:00:00Z'));
    const slots: DaySlot[] = [
      // Three days ago: 4 requests, 2 answered within 24 h (10 and 50 minutes), 1 answered after 2 days.
      { day: today - 3, requests: 4, answered: 3, answeredWithin24h: 2, brackets: { b1: 1, b3: 1, b8: 1 } },
      // Yesterday: 3 requests, 1 answered in 2 hours; the 2 others are not late yet.
      { day: today - 1, requests: 3, answered: 1, answeredWithin24h: 1, brackets: { b4: 1 } },
      // Outside the period: ignored.
      { day: today - 40, requests: 9, answered: 9, answeredWithin24h: 9, brackets: { b0: 9 } },
    ];
    const figures = figuresOf(slots, today - 29, today, today);
    expect(figures).toEqual({
      requests: 7,
      answered: 4,
      answeredWithin24h: 3,
      settled: 5,
      answeredWithin24hShare: 3 / 5,
      // Sorted reply times: 10 min, 50 min, 2 h, 2 days; the lower median is the second, in (30, 60].
      medianReply: { afterMinutes: 30, atMostMinutes: 60 },
    });
  });

  it('gives no share and no median when nothing is settled or answered', () => {
    const today = 20_000;
    expect(figuresOf([{ day: today, requests: 2 }], today - 29, today, today)).toEqual({
      requests: 2,
      answered: 0,
      answeredWithin24h: 0,
      settled: 0,
      answeredWithin24hShare: null,
      medianReply: null,
    });
  });

  it('reports the open bracket for a median slower than a week', () => {
    const today = 20_000;
    const slots: DaySlot[] = [
      { day: today - 20, requests: 1, answered: 1, answeredWithin24h: 0, brackets: { b11: 1 } },
    ];
    expect(figuresOf(slots, today - 29, today, today).medianReply).toEqual({
      afterMinutes: 10080,
      atMostMinutes: null,
    });
  });

  it('measures a reply in the garage’s opening hours when its owner set them', () => {
    // Asked on Saturday at 20 h 30 (Paris), answered on Monday at 8 h 15: 15 minutes of opening hours.
    const requestedAt = at('2026-12-05T19:30:00Z');
    const answeredAt = at('2026-12-07T07:15:00Z');
    const replies = { requests: [], answers: [{ requestedAt, answeredAt }] };
    const inOpeningHours = countsByDay(replies, (from, to) => openMsBetween(DEFAULT_SCHEDULE, from, to));
    expect(inOpeningHours.get(dayOf(requestedAt))).toEqual({
      requests: 0,
      answered: 1,
      answeredWithin24h: 1,
      brackets: { b1: 1 },
    });
    // All the time between: 35 h 45, past 24 h.
    expect(countsByDay(replies).get(dayOf(requestedAt))).toEqual({
      requests: 0,
      answered: 1,
      answeredWithin24h: 0,
      brackets: { b8: 1 },
    });
  });
});
