import {
  formatEuros,
  formatQuantity,
  formatVatRate,
  vehicleLabel,
  type BookingVehicle,
  type QuoteAmounts,
  type QuoteLineDecision,
} from '@promoto/shared-dto';
import PDFDocument from 'pdfkit';
import { frenchDay, frenchTimeAt } from '../common/french-dates';
import type { StoredQuoteLine } from './quote.schema';

/** What the PDF of a quote says: the garage, the client and the vehicle, the lines and the answers. */
export interface QuoteDocumentContent {
  garage: { name: string; address: string; city: string };
  clientName: string;
  service: string;
  vehicle?: BookingVehicle;
  version: number;
  sentAt: Date;
  expiresAt: Date;
  lines: StoredQuoteLine[];
  totals: QuoteAmounts;
  approved: QuoteAmounts;
  decidedAt?: Date;
  /** « Remplacé », « Expiré »: when the quote no longer takes answers. */
  closedAs?: string;
}

const DECISIONS: Record<QuoteLineDecision, string> = {
  pending: 'En attente',
  approved: 'Accepté',
  declined: 'Refusé',
};

const KINDS = { labour: 'Main-d’œuvre', part: 'Pièce' } as const;

/**
 * The standard PDF fonts (Helvetica) write WinAnsi, which has the euro sign and French letters
 * but not the narrow no-break space Intl puts between thousands: a plain no-break space instead.
 */
const winAnsi = (text: string) => text.replace(/\u202f/g, '\u00a0');
const euros = (cents: number) => winAnsi(formatEuros(cents));
const when = (instant: Date) => `${frenchDay(instant)} à ${frenchTimeAt(instant)}`;

/**
 * The quote as an A4 PDF in French, with pdfkit's built-in Helvetica (its metrics ship inside the
 * package, read from node_modules at run time: no font file of ours to bundle).
 */
export function renderQuotePdf(content: QuoteDocumentContent): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Devis ${content.garage.name}`, Author: content.garage.name },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  document.font('Helvetica-Bold').fontSize(16).text(content.garage.name);
  document.font('Helvetica').fontSize(10).text(`${content.garage.address}, ${content.garage.city}`);
  document.moveDown();
  document
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(content.version === 1 ? 'Devis' : `Devis, version ${content.version}`);
  document.font('Helvetica').fontSize(10);
  document.text(`Client : ${content.clientName}`);
  document.text(`Prestation : ${content.service}`);
  if (content.vehicle) document.text(`Véhicule : ${vehicleLabel(content.vehicle)} (${content.vehicle.year})`);
  document.text(`Envoyé le ${when(content.sentAt)}, valable jusqu’au ${frenchDay(content.expiresAt)}`);
  if (content.closedAs) document.text(`Statut : ${content.closedAs}`);
  document.moveDown();

  content.lines.forEach((line, index) => {
    document.font('Helvetica-Bold').text(`${index + 1}. ${line.label} — ${euros(line.grossCents)} TTC`);
    document
      .font('Helvetica')
      .text(
        `${KINDS[line.kind]} · ${formatQuantity(line.quantityHundredths)} × ${euros(line.unitPriceCents)} HT = ` +
          `${euros(line.netCents)} HT · TVA ${formatVatRate(line.vatRateBasisPoints)} : ${euros(line.vatCents)}`,
      );
    document.text(
      line.decidedAt
        ? `Réponse du client : ${DECISIONS[line.decision]}, le ${when(new Date(line.decidedAt))}`
        : `Réponse du client : ${DECISIONS[line.decision]}`,
    );
    document.moveDown(0.5);
  });

  document.moveDown();
  document.text(`Total HT : ${euros(content.totals.netCents)}`);
  document.text(`TVA : ${euros(content.totals.vatCents)}`);
  document.font('Helvetica-Bold').text(`Total TTC : ${euros(content.totals.grossCents)}`);
  document.text(`Accepté par le client : ${euros(content.approved.grossCents)} TTC`);
  document.font('Helvetica');
  if (content.decidedAt) document.text(`Dernière réponse du client : ${when(content.decidedAt)}`);
  document.end();
  return done;
}
