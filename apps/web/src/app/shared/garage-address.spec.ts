import { garageAddress } from './garage-address';

describe('garageAddress', () => {
  it('adds the city after an address that does not name it', () => {
    expect(garageAddress({ address: '12 rue des Essais', city: 'Lyon' })).toBe('12 rue des Essais, Lyon');
  });

  it('does not repeat a city the address already ends with, accents and case aside', () => {
    expect(garageAddress({ address: '3 rue Oberkampf, 75011 Paris', city: 'Paris' })).toBe(
      '3 rue Oberkampf, 75011 Paris',
    );
    expect(garageAddress({ address: '8 avenue Foch 69006 LYON ', city: 'Lyon' })).toBe('8 avenue Foch 69006 LYON');
    expect(garageAddress({ address: '1 place du Marché, Orléans', city: 'Orleans' })).toBe(
      '1 place du Marché, Orléans',
    );
  });
});
