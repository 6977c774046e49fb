import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import {
  DEFAULT_VAT_RATE_BASIS_POINTS,
  formatEuros,
  formatVatRate,
  parseHundredths,
  QUOTE_LIMITS,
  QUOTE_LINE_KINDS,
  QUOTE_MONEY_LIMITS,
  quoteLineAmounts,
  sumQuoteAmounts,
  type AppointmentView,
  type QuoteLine,
  type QuoteLineAmountsInput,
  type QuoteLineKind,
  type QuoteLineRequest,
  type QuotePayload,
} from '@promoto/shared-dto';
import { describeError } from '../../core/api/api-error';
import { QuotesApi } from '../../core/api/quotes-api';
import { fr } from '../../i18n/fr';
import { bookingSummary } from '../booking-cards';
import { QuoteTotals } from '../quote-totals/quote-totals';
import { SessionScope } from '../session-scope';
import { ThreadStore } from '../thread.store';

/** Hundredths as one types them (150 → « 1,5 », 8990 → « 89,9 »), without a thousands separator. */
function typedHundredths(hundredths: number): string {
  const fraction = String(hundredths % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${Math.floor(hundredths / 100)},${fraction}` : String(Math.floor(hundredths / 100));
}

/** French VAT rates, the standard one first. */
const VAT_RATES = [DEFAULT_VAT_RATE_BASIS_POINTS, 1000, 550, 210, 0];

interface DraftLine {
  id: number;
  label: string;
  kind: QuoteLineKind;
  /** As typed (« 1,5 »). */
  quantity: string;
  /** In euros, as typed (« 89,90 »). */
  unitPrice: string;
  vatRateBasisPoints: number;
}

/**
 * A member of the garage writes a quote about one of the client's bookings: lines with their
 * totals worked out as they type, by the same arithmetic as the server's (quote-money.ts), which
 * computes the amounts it stores again from the lines sent.
 */
@Component({
  selector: 'app-quote-editor',
  imports: [QuoteTotals],
  templateUrl: './quote-editor.html',
  styleUrl: './quote-editor.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuoteEditor {
  protected readonly fr = fr;
  protected readonly kinds = QUOTE_LINE_KINDS;
  protected readonly vatRates = VAT_RATES;
  protected readonly formatVatRate = formatVatRate;
  protected readonly formatEuros = formatEuros;
  protected readonly maxLabel = QUOTE_LIMITS.labelMaxLength;
  private readonly api = inject(QuotesApi);
  private readonly scope = inject(SessionScope);
  private readonly store = inject(ThreadStore);

  /** The client's bookings with the garage: a quote is about one of them. */
  readonly appointments = input.required<AppointmentView[]>();
  /** The booking the thread is about, chosen first. */
  readonly initialAppointmentId = input('');
  /** The quote this one is a new version of: its booking, and its lines to start from. */
  readonly replacing = input<QuotePayload | null>(null);
  readonly closed = output<void>();

  protected readonly title = computed(() => {
    const replaced = this.replacing();
    return replaced ? fr.quotes.replaceTitle(replaced.version + 1) : fr.quotes.editorTitle;
  });
  protected readonly appointmentId = linkedSignal(
    () => this.replacing()?.appointmentId || this.initialAppointmentId() || this.appointments()[0]?.id || '',
  );
  protected readonly bookingOptions = computed(() =>
    this.appointments().map((appointment) => ({ id: appointment.id, label: bookingSummary(appointment) })),
  );
  private nextId = 1;
  protected readonly lines = linkedSignal<DraftLine[]>(() => {
    const replaced = this.replacing();
    return replaced ? replaced.lines.map((line) => this.draftOf(line)) : [this.emptyLine()];
  });
  protected readonly sending = signal(false);
  /** Why the send failed, in French. */
  protected readonly failure = signal<string | null>(null);

  /** Each line as the API takes it (its VAT rate always chosen), or null while what is typed is not a valid amount. */
  protected readonly parsed = computed(() =>
    this.lines().map((line): (QuoteLineRequest & QuoteLineAmountsInput) | null => {
      const quantityHundredths = parseHundredths(line.quantity);
      const unitPriceCents = parseHundredths(line.unitPrice);
      if (quantityHundredths === null || quantityHundredths < 1) return null;
      if (quantityHundredths > QUOTE_MONEY_LIMITS.quantityMaxHundredths) return null;
      if (unitPriceCents === null || unitPriceCents > QUOTE_MONEY_LIMITS.unitPriceMaxCents) return null;
      return {
        label: line.label.trim(),
        kind: line.kind,
        quantityHundredths,
        unitPriceCents,
        vatRateBasisPoints: line.vatRateBasisPoints,
      };
    }),
  );
  protected readonly lineAmounts = computed(() => this.parsed().map((line) => (line ? quoteLineAmounts(line) : null)));
  protected readonly totals = computed(() =>
    sumQuoteAmounts(this.lineAmounts().flatMap((amounts) => (amounts ? [amounts] : []))),
  );
  protected readonly canSend = computed(
    () =>
      !this.sending() &&
      this.appointmentId() !== '' &&
      this.parsed().every((line) => line !== null && line.label !== ''),
  );

  protected update(id: number, patch: Partial<DraftLine>): void {
    this.lines.update((lines) => lines.map((line) => (line.id === id ? { ...line, ...patch } : line)));
  }

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected addLine(): void {
    if (this.lines().length >= QUOTE_LIMITS.linesMax) return;
    this.lines.update((lines) => [...lines, this.emptyLine()]);
  }

  protected removeLine(id: number): void {
    this.lines.update((lines) => (lines.length > 1 ? lines.filter((line) => line.id !== id) : lines));
  }

  protected send(): void {
    const lines = this.parsed();
    if (!this.canSend() || lines.some((line) => line === null)) return;
    this.sending.set(true);
    this.failure.set(null);
    void this.scope.settle(
      this.api.send({
        appointmentId: this.appointmentId(),
        lines: lines as QuoteLineRequest[],
        ...(this.replacing() ? { supersedesQuoteId: this.replacing()?.quoteId } : {}),
        clientMessageId: crypto.randomUUID(),
      }),
      (message) => {
        this.store.onNewMessage(message);
        this.sending.set(false);
        this.closed.emit();
      },
      (error) => {
        this.sending.set(false);
        this.failure.set(describeError(error, fr.quotes.sendFailed));
      },
    );
  }

  private draftOf(line: QuoteLine): DraftLine {
    return {
      id: this.nextId++,
      label: line.label,
      kind: line.kind,
      quantity: typedHundredths(line.quantityHundredths),
      unitPrice: typedHundredths(line.unitPriceCents),
      vatRateBasisPoints: line.vatRateBasisPoints,
    };
  }

  private emptyLine(): DraftLine {
    return {
      id: this.nextId++,
      label: '',
      kind: 'labour',
      quantity: '1',
      unitPrice: '',
      vatRateBasisPoints: DEFAULT_VAT_RATE_BASIS_POINTS,
    };
  }
}
