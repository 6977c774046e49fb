import { linkify } from './linkify';

describe('linkify', () => {
  it('leaves text without an address as one text segment', () => {
    expect(linkify('Bonjour, à 9 h ?')).toEqual([{ text: 'Bonjour, à 9 h ?' }]);
  });

  it('cuts http(s) and www. addresses out as links, without the sentence punctuation after them', () => {
    expect(linkify('Le devis : https://promoto.test/devis?id=4. Ou www.garage.test, merci')).toEqual([
      { text: 'Le devis : ' },
      { text: 'https://promoto.test/devis?id=4', href: 'https://promoto.test/devis?id=4' },
      { text: '. Ou ' },
      { text: 'www.garage.test', href: 'https://www.garage.test' },
      { text: ', merci' },
    ]);
  });

  it('never makes a link of other schemes or of markup', () => {
    expect(linkify('javascript:alert(1) <a href="x">y</a>')).toEqual([
      { text: 'javascript:alert(1) <a href="x">y</a>' },
    ]);
  });

  it('shows a long address shortened, its host first, and keeps the whole of it in the link', () => {
    const address =
      'https://www.garage-du-parc.test/rendez-vous/confirmation?reference=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    expect(linkify(`Voici le lien : ${address}`)).toEqual([
      { text: 'Voici le lien : ' },
      { text: 'www.garage-du-parc.test/rendez-vous/confirm…', href: address },
    ]);
  });
});
