import {
  REPLY_TIME_BRACKETS_MINUTES,
  type GarageResponsivenessView,
  type ReplyTimeBracket,
  type ResponsivenessFigures,
} from '@promoto/shared-dto';
import { fr } from '../i18n/fr';

/** How a figure moved against the period before: the words say it, the arrow only repeats them. */
export type Trend = 'better' | 'worse' | 'same';

export interface TrendLine {
  trend: Trend;
  text: string;
}

/** One figure of the dashboard's card: its value in words, and its trend when both periods have one. */
export interface ResponsivenessFigure {
  value: string;
  trend: TrendLine | null;
}

export interface ResponsivenessCardText {
  period: string;
  usualReply: ResponsivenessFigure;
  answeredShare: ResponsivenessFigure;
  counts: string;
}

/** The bracket's rank, slowest last: the open bracket after the last bound ranks after every bound. */
function rank(bracket: ReplyTimeBracket): number {
  const { atMostMinutes } = bracket;
  if (atMostMinutes === null) return REPLY_TIME_BRACKETS_MINUTES.length;
  const index = REPLY_TIME_BRACKETS_MINUTES.findIndex((bound) => bound >= atMostMinutes);
  return index === -1 ? REPLY_TIME_BRACKETS_MINUTES.length : index;
}

/** « moins d'une heure », « plus d'une semaine »: what follows « en ». */
export function replyWithin(bracket: ReplyTimeBracket): string {
  return fr.responsiveness.within(REPLY_TIME_BRACKETS_MINUTES[rank(bracket)] ?? null);
}

/** A share from 0 to 1 as a whole percentage. */
export function percentOf(share: number): number {
  return Math.round(share * 100);
}

/**
 * The garage page's lines under the garage's name: its usual reply time and its share of requests
 * answered within 24 hours, each when known, or one line saying it cannot be measured yet.
 */
export function publicResponsiveness(figures: ResponsivenessFigures): string[] {
  const lines: string[] = [];
  if (figures.medianReply) lines.push(fr.responsiveness.usualReply(replyWithin(figures.medianReply)));
  if (figures.answeredWithin24hShare !== null) {
    lines.push(fr.responsiveness.answeredShare(percentOf(figures.answeredWithin24hShare)));
  }
  return lines.length > 0 ? lines : [fr.responsiveness.notEnough];
}

function replyTrend(current: ReplyTimeBracket, previous: ReplyTimeBracket, days: number): TrendLine {
  const difference = rank(current) - rank(previous);
  if (difference === 0) return { trend: 'same', text: fr.responsiveness.same(days) };
  const before = replyWithin(previous);
  return difference < 0
    ? { trend: 'better', text: fr.responsiveness.better(days, before) }
    : { trend: 'worse', text: fr.responsiveness.worse(days, before) };
}

/** The difference in points between the shares as shown (rounded), so that the figures add up on screen. */
function shareTrend(current: number, previous: number, days: number): TrendLine {
  const points = percentOf(current) - percentOf(previous);
  const before = fr.responsiveness.percent(percentOf(previous));
  if (points === 0) return { trend: 'same', text: fr.responsiveness.pointsSame(days, before) };
  return points > 0
    ? { trend: 'better', text: fr.responsiveness.pointsUp(points, days, before) }
    : { trend: 'worse', text: fr.responsiveness.pointsDown(-points, days, before) };
}

/** The garagiste dashboard's « Réactivité » card: the period's figures, each with its trend. */
export function responsivenessCard(view: GarageResponsivenessView): ResponsivenessCardText {
  const { current, previous, periodDays } = view;
  const share = current.answeredWithin24hShare;
  const previousShare = previous.answeredWithin24hShare;
  return {
    period: fr.responsiveness.period(periodDays),
    usualReply: current.medianReply
      ? {
          value: replyWithin(current.medianReply),
          trend: previous.medianReply ? replyTrend(current.medianReply, previous.medianReply, periodDays) : null,
        }
      : { value: fr.responsiveness.noReplyYet, trend: null },
    answeredShare:
      share === null
        ? { value: fr.responsiveness.noShareYet, trend: null }
        : {
            value: fr.responsiveness.percent(percentOf(share)),
            trend: previousShare === null ? null : shareTrend(share, previousShare, periodDays),
          },
    counts: fr.responsiveness.counts(current.requests, current.answered),
  };
}
