import { fillQuickReply } from './quick-replies';

describe('fillQuickReply', () => {
  it('fills every placeholder from the thread', () => {
    expect(
      fillQuickReply('Bonjour {client}, RDV le {rdv.date} pour {rdv.service} chez {garage}. Merci {client} !', {
        client: 'Camille',
        garage: 'Garage Dupont',
        'rdv.date': 'lundi 30 novembre à 9 h',
        'rdv.service': 'Distribution',
      }),
    ).toBe('Bonjour Camille, RDV le lundi 30 novembre à 9 h pour Distribution chez Garage Dupont. Merci Camille !');
  });

  it('inserts values as plain text: never filled again, never a replacement pattern', () => {
    expect(fillQuickReply('{client} / {garage}', { client: '{garage} <b>$&</b> $1', garage: 'G' })).toBe(
      '{garage} <b>$&</b> $1 / G',
    );
  });

  it('leaves a placeholder without a value, and unknown braces, as they are', () => {
    expect(fillQuickReply('Le {rdv.date} chez {garage} {autre}', { garage: 'G' })).toBe('Le {rdv.date} chez G {autre}');
  });
});
