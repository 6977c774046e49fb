import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { formatEuros, type QuoteAmounts } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';

/** A quote's totals excluding VAT, VAT and including VAT, and what the client approved once known. */
@Component({
  selector: 'app-quote-totals',
  template: `
    <dl>
      <div>
        <dt>{{ fr.quotes.net }}</dt>
        <dd>{{ formatEuros(totals().netCents) }}</dd>
      </div>
      <div>
        <dt>{{ fr.quotes.vat }}</dt>
        <dd>{{ formatEuros(totals().vatCents) }}</dd>
      </div>
      <div class="gross">
        <dt>{{ fr.quotes.gross }}</dt>
        <dd>{{ formatEuros(totals().grossCents) }}</dd>
      </div>
      @if (approved(); as approved) {
        <div class="approved">
          <dt>{{ fr.quotes.approvedTotal }}</dt>
          <dd>{{ formatEuros(approved.grossCents) }}</dd>
        </div>
      }
    </dl>
  `,
  styles: `
    :host {
      display: block;
    }
    dl {
      display: grid;
      gap: 0.25rem;
      margin: 0;
    }
    div {
      display: flex;
      justify-content: space-between;
      gap: 0.75rem;
    }
    dd {
      margin: 0;
      white-space: nowrap;
    }
    .gross,
    .approved {
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuoteTotals {
  protected readonly fr = fr;
  protected readonly formatEuros = formatEuros;

  readonly totals = input.required<QuoteAmounts>();
  readonly approved = input<QuoteAmounts | null>(null);
}
