import { awayNoticeText } from './away-notice';

describe('awayNoticeText', () => {
  const saturdayEvening = new Date('2026-12-05T19:30:00Z'); // 20 h 30 in Paris

  it('names the weekday and the hour it opens again, on the Paris clock', () => {
    expect(awayNoticeText(new Date('2026-12-07T07:00:00Z'), saturdayEvening)).toBe(
      'Le garage est fermé ; nous vous répondons dès lundi 8 h.',
    );
  });

  it('says « aujourd’hui » and « demain » for today and tomorrow', () => {
    expect(awayNoticeText(new Date('2026-12-07T13:30:00Z'), new Date('2026-12-07T11:15:00Z'))).toBe(
      'Le garage est fermé ; nous vous répondons dès aujourd’hui 14 h 30.',
    );
    expect(awayNoticeText(new Date('2026-12-08T07:00:00Z'), new Date('2026-12-07T19:00:00Z'))).toBe(
      'Le garage est fermé ; nous vous répondons dès demain 8 h.',
    );
  });

  it('gives the date past a week, and says so when no opening is known', () => {
    expect(awayNoticeText(new Date('2027-01-04T07:00:00Z'), new Date('2026-12-23T19:00:00Z'))).toBe(
      'Le garage est fermé ; nous vous répondons dès le lundi 4 janvier à 8 h.',
    );
    expect(awayNoticeText(null, saturdayEvening)).toBe(
      'Le garage est fermé pour le moment ; nous vous répondrons dès sa réouverture.',
    );
  });
});
