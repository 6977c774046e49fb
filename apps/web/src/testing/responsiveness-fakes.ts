import type { GarageResponsivenessView, ResponsivenessFigures } from '@promoto/shared-dto';

/** A period's figures: none unless given. */
export function figures(extra: Partial<ResponsivenessFigures> = {}): ResponsivenessFigures {
  return {
    requests: 0,
    answered: 0,
    answeredWithin24h: 0,
    settled: 0,
    answeredWithin24hShare: null,
    medianReply: null,
    ...extra,
  };
}

/** What GET /api/garages/:id/responsiveness answers, for these two periods. */
export function responsivenessView(
  garageId: string,
  current: ResponsivenessFigures,
  previous: ResponsivenessFigures,
): GarageResponsivenessView {
  return { garageId, periodDays: 30, current, previous, computedAt: '2030-01-31T12:00:00.000Z' };
}
