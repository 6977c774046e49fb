import type { GarageResponsivenessView, ReplyTimeBracket, ResponsivenessFigures } from '@promoto/shared-dto';
import { figures, responsivenessView } from '../../testing/responsiveness-fakes';
import { publicResponsiveness, replyWithin, responsivenessCard } from './responsiveness';

const NBSP = '\u00a0';

function bracket(afterMinutes: number, atMostMinutes: number | null): ReplyTimeBracket {
  return { afterMinutes, atMostMinutes };
}

function view(current: ResponsivenessFigures, previous: ResponsivenessFigures): GarageResponsivenessView {
  return responsivenessView('g00000000000000000000001', current, previous);
}

describe('responsiveness in words', () => {
  it('names every reply time bracket in French, the open one as more than a week', () => {
    const bounds = [0, 5, 15, 30, 60, 180, 360, 720, 1440, 2880, 4320, 10080];
    const phrases = bounds.map((after, index) => replyWithin(bracket(after, bounds[index + 1] ?? null)));
    expect(phrases).toEqual([
      'moins de 5 minutes',
      'moins de 15 minutes',
      'moins de 30 minutes',
      "moins d'une heure",
      'moins de 3 heures',
      'moins de 6 heures',
      'moins de 12 heures',
      "moins d'un jour",
      'moins de 2 jours',
      'moins de 3 jours',
      "moins d'une semaine",
      "plus d'une semaine",
    ]);
  });

  it('gives the garage page its usual reply time and its rounded share answered within 24 h', () => {
    const lines = publicResponsiveness(
      figures({
        requests: 13,
        answered: 12,
        settled: 13,
        answeredWithin24hShare: 12 / 13,
        medianReply: bracket(30, 60),
      }),
    );
    expect(lines).toEqual([
      "Répond généralement en moins d'une heure",
      `Répond à 92${NBSP}% des demandes en moins de 24${NBSP}h`,
    ]);
  });

  it('says the responsiveness cannot be measured yet when nothing is settled nor answered', () => {
    expect(publicResponsiveness(figures({ requests: 2 }))).toEqual([
      'Pas encore assez de demandes pour mesurer sa réactivité',
    ]);
  });

  it('shows the share alone when no request was answered', () => {
    expect(publicResponsiveness(figures({ requests: 3, settled: 3, answeredWithin24hShare: 0 }))).toEqual([
      `Répond à 0${NBSP}% des demandes en moins de 24${NBSP}h`,
    ]);
  });

  it('gives the dashboard both figures with their trend against the period before, in words', () => {
    const card = responsivenessCard(
      view(
        figures({
          requests: 12,
          answered: 11,
          settled: 12,
          answeredWithin24hShare: 0.92,
          medianReply: bracket(30, 60),
        }),
        figures({ requests: 8, answered: 7, settled: 8, answeredWithin24hShare: 0.875, medianReply: bracket(60, 180) }),
      ),
    );
    expect(card).toEqual({
      period: 'Sur les 30 derniers jours',
      usualReply: {
        value: "moins d'une heure",
        trend: { trend: 'better', text: 'mieux que les 30 jours précédents (moins de 3 heures)' },
      },
      answeredShare: {
        value: `92${NBSP}%`,
        trend: {
          trend: 'better',
          text: `en hausse de 4 points par rapport aux 30 jours précédents (88${NBSP}%)`,
        },
      },
      counts: '12 demandes, 11 avec réponse',
    });
  });

  it('says when the figures got worse or stayed the same', () => {
    const card = responsivenessCard(
      view(
        figures({
          requests: 1,
          answered: 1,
          settled: 1,
          answeredWithin24hShare: 0.5,
          medianReply: bracket(10080, null),
        }),
        figures({
          requests: 4,
          answered: 4,
          settled: 4,
          answeredWithin24hShare: 0.75,
          medianReply: bracket(1440, 2880),
        }),
      ),
    );
    expect(card.usualReply.trend).toEqual({
      trend: 'worse',
      text: 'moins bien que les 30 jours précédents (moins de 2 jours)',
    });
    expect(card.answeredShare.trend).toEqual({
      trend: 'worse',
      text: `en baisse de 25 points par rapport aux 30 jours précédents (75${NBSP}%)`,
    });
    expect(card.counts).toBe('1 demande, 1 avec réponse');

    const same = responsivenessCard(
      view(
        figures({ answeredWithin24hShare: 0.801, medianReply: bracket(5, 15) }),
        figures({ answeredWithin24hShare: 0.799, medianReply: bracket(5, 15) }),
      ),
    );
    expect(same.usualReply.trend).toEqual({ trend: 'same', text: 'comme les 30 jours précédents' });
    expect(same.answeredShare.trend).toEqual({
      trend: 'same',
      text: `stable par rapport aux 30 jours précédents (80${NBSP}%)`,
    });
  });

  it('leaves the trend out when the period before has no figure, and says when this one has none', () => {
    const card = responsivenessCard(view(figures({ requests: 2, settled: 2, answeredWithin24hShare: 0 }), figures()));
    expect(card.usualReply).toEqual({ value: 'Aucune demande répondue pour le moment', trend: null });
    expect(card.answeredShare).toEqual({ value: `0${NBSP}%`, trend: null });

    const empty = responsivenessCard(
      view(figures(), figures({ answeredWithin24hShare: 1, medianReply: bracket(0, 5) })),
    );
    expect(empty.usualReply.trend).toBeNull();
    expect(empty.answeredShare).toEqual({ value: 'Pas encore mesurable', trend: null });
    expect(empty.counts).toBe('0 demande, 0 avec réponse');
  });
});
