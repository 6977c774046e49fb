import { bookingNoticeText } from './booking-notice';

describe('bookingNoticeText', () => {
  it('writes the day and the hour in French, on the Paris clock', () => {
    expect(bookingNoticeText('confirmed', new Date('2026-11-30T08:00:00Z'), 'Distribution')).toBe(
      'Rendez-vous confirmé — lundi 30 novembre à 9 h, Distribution',
    );
  });

  it('gives the minutes when there are some, in summer time too', () => {
    expect(bookingNoticeText('moved', new Date('2027-07-05T12:30:00Z'), 'Vidange')).toBe(
      'Rendez-vous déplacé — lundi 5 juillet à 14 h 30, Vidange',
    );
  });
});

describe('bookingNoticeText with a reason', () => {
  it('ends with the reason the causer gave', () => {
    expect(
      bookingNoticeText('cancelled', new Date('2026-11-30T08:00:00Z'), 'Distribution', 'Pièce pas encore livrée'),
    ).toBe('Rendez-vous annulé — lundi 30 novembre à 9 h, Distribution. Motif : Pièce pas encore livrée');
  });
});

describe('bookingNoticeText with a vehicle', () => {
  it('names the vehicle after the service, before the reason', () => {
    const clio = {
      vehicleId: '6b07bd0e44ecb3a1dc995590',
      plate: 'AB-123-CD',
      make: 'Renault',
      model: 'Clio',
      year: 2012,
    };
    expect(bookingNoticeText('created', new Date('2026-11-30T08:00:00Z'), 'Vidange', undefined, clio)).toBe(
      'Rendez-vous demandé — lundi 30 novembre à 9 h, Vidange (Renault Clio · AB-123-CD)',
    );
    expect(bookingNoticeText('cancelled', new Date('2026-11-30T08:00:00Z'), 'Vidange', 'Empêchement', clio)).toBe(
      'Rendez-vous annulé — lundi 30 novembre à 9 h, Vidange (Renault Clio · AB-123-CD). Motif : Empêchement',
    );
  });
});
