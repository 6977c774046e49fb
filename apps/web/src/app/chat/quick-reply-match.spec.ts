import type { QuickReplyView } from '@promoto/shared-dto';
import { matchQuickReplies } from './quick-reply-match';

const replies: QuickReplyView[] = [
  { id: '1', title: 'Dépôt du véhicule', content: 'Déposez-le à 8 h.' },
  { id: '2', title: 'Rendez-vous confirmé', content: 'À bientôt.' },
  { id: '3', title: 'Devis prêt', content: 'Le devis est prêt.' },
  { id: '4', title: 'Véhicule prêt', content: 'Venez le chercher.' },
];

const titles = (query: string) => matchQuickReplies(replies, query).map((reply) => reply.title);

describe('matchQuickReplies', () => {
  it('lists every reply for an empty query, in the garage order', () => {
    expect(titles('')).toEqual(['Dépôt du véhicule', 'Rendez-vous confirmé', 'Devis prêt', 'Véhicule prêt']);
  });

  it('puts titles with a word starting with the query first, accents and case aside', () => {
    expect(titles('r')).toEqual(['Rendez-vous confirmé', 'Devis prêt', 'Véhicule prêt']);
    expect(titles('VEHI')).toEqual(['Dépôt du véhicule', 'Véhicule prêt']);
    expect(titles('conf')).toEqual(['Rendez-vous confirmé']);
  });

  it('also finds the query inside the text, and nothing when nothing matches', () => {
    expect(titles('chercher')).toEqual(['Véhicule prêt']);
    expect(titles('zzz')).toEqual([]);
  });
});
