import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import {
  formatEuros,
  formatQuantity,
  formatVatRate,
  vehicleLabel,
  type DecideQuoteRequest,
  type QuoteLineDecision,
  type QuotePayload,
  type QuoteView,
} from '@promoto/shared-dto';
import { describeError } from '../../core/api/api-error';
import { QuotesApi } from '../../core/api/quotes-api';
import { formatWeekdayDate } from '../../core/format';
import { fr } from '../../i18n/fr';
import { QuoteRevision } from '../quote-revision';
import { QuoteTotals } from '../quote-totals/quote-totals';
import { SessionScope } from '../session-scope';

/**
 * A quote in the thread: its lines as sent (never changed), with where it stands read from the
 * API (each line's answer, replaced, expired) and read again whenever the thread brings an answer
 * to it or a version replacing it. Its client answers each line, or all the lines left at once.
 */
@Component({
  selector: 'app-quote-card',
  imports: [QuoteTotals],
  templateUrl: './quote-card.html',
  styleUrl: './quote-card.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuoteCard {
  protected readonly fr = fr;
  protected readonly formatEuros = formatEuros;
  protected readonly formatQuantity = formatQuantity;
  protected readonly formatVatRate = formatVatRate;
  protected readonly vehicleLabel = vehicleLabel;
  private readonly api = inject(QuotesApi);
  private readonly scope = inject(SessionScope);
  private readonly document = inject(DOCUMENT);
  /** Absent outside a thread's window (no editor to write a new version in). */
  protected readonly revision = inject(QuoteRevision, { optional: true });

  readonly quote = input.required<QuotePayload>();
  /** The client the quote is addressed to: the one who answers it. */
  readonly clientId = input.required<string>();
  /** Grows when the thread brings an answer to this quote or a version replacing it. */
  readonly changes = input(0);

  protected readonly loaded = rxResource({
    params: () => ({ id: this.quote().quoteId, changes: this.changes() }),
    stream: ({ params }) => this.api.get(params.id),
  });
  /** Where it stands: as last read, or as my last answer left it. */
  protected readonly view = linkedSignal<QuoteView | undefined>(() =>
    this.loaded.hasValue() ? this.loaded.value() : undefined,
  );
  protected readonly busy = signal(false);
  /** Why my last answer was refused, in French. */
  protected readonly failure = signal<string | null>(null);

  protected readonly title = computed(() => fr.quotes.title(this.quote().version));
  protected readonly validity = computed(() =>
    fr.quotes.validUntil(formatWeekdayDate(new Date(this.quote().expiresAt))),
  );
  protected readonly canDecide = computed(
    () => this.view()?.status === 'open' && this.clientId() === this.scope.userId() && !this.busy(),
  );
  /** A member of the garage may replace it by a new version until another version did. */
  protected readonly canReplace = computed(() => {
    const status = this.view()?.status;
    return (
      this.revision !== null &&
      this.clientId() !== this.scope.userId() &&
      status !== undefined &&
      status !== 'superseded'
    );
  });
  protected readonly pendingCount = computed(
    () => this.view()?.lines.filter((line) => line.decision === 'pending').length ?? 0,
  );

  protected decisionOf(index: number): QuoteLineDecision {
    return this.view()?.lines[index]?.decision ?? 'pending';
  }

  /** Downloads the PDF of the quote as it stands (its signed link answers it as an attachment). */
  protected download(): void {
    this.failure.set(null);
    void this.scope.settle(
      this.api.document(this.quote().quoteId),
      (link) => this.document.defaultView?.location.assign(link.url),
      (error) => this.failure.set(describeError(error, fr.quotes.loadFailed)),
    );
  }

  protected decide(decision: DecideQuoteRequest['decision'], lineIndex?: number): void {
    this.busy.set(true);
    this.failure.set(null);
    const request: DecideQuoteRequest = lineIndex === undefined ? { decision } : { decision, lineIndexes: [lineIndex] };
    void this.scope.settle(
      this.api.decide(this.quote().quoteId, request),
      (view) => {
        this.view.set(view);
        this.busy.set(false);
      },
      (error) => {
        this.failure.set(describeError(error, fr.quotes.decideFailed));
        this.busy.set(false);
        this.loaded.reload();
      },
    );
  }
}
