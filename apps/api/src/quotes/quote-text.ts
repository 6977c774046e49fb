import { formatEuros, type QuoteAmounts, type QuoteLineDecisionEntry } from '@promoto/shared-dto';
import { frenchDay } from '../common/french-dates';

const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;

/**
 * The text of a quote's message, for previews, e-mails, pushes and clients that only read text:
 * « Devis : 3 lignes, 425,16 € TTC, valable jusqu'au lundi 4 janvier », « Nouvelle version du
 * devis (v2) : … » for a version that replaces another.
 */
export function quoteText(version: number, lineCount: number, totals: QuoteAmounts, expiresAt: Date): string {
  const title = version === 1 ? 'Devis' : `Nouvelle version du devis (v${version})`;
  return `${title} : ${plural(lineCount, 'ligne')}, ${formatEuros(totals.grossCents)} TTC, valable jusqu'au ${frenchDay(expiresAt)}`;
}

/**
 * The text of the notice of a client's decision: « Devis v1 : 2 lignes acceptées, 1 ligne refusée ;
 * 300,00 € TTC acceptés au total, 1 ligne en attente ».
 */
export function quoteDecisionText(
  version: number,
  decisions: readonly QuoteLineDecisionEntry[],
  approved: QuoteAmounts,
  pendingLines: number,
): string {
  const approvedNow = decisions.filter((entry) => entry.decision === 'approved').length;
  const declinedNow = decisions.length - approvedNow;
  const answered = [
    ...(approvedNow ? [`${plural(approvedNow, 'ligne')} acceptée${approvedNow > 1 ? 's' : ''}`] : []),
    ...(declinedNow ? [`${plural(declinedNow, 'ligne')} refusée${declinedNow > 1 ? 's' : ''}`] : []),
  ].join(', ');
  const waiting = pendingLines ? `, ${plural(pendingLines, 'ligne')} en attente` : '';
  return `Devis v${version} : ${answered} ; ${formatEuros(approved.grossCents)} TTC acceptés au total${waiting}`;
}
