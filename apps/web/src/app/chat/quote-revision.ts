import { Injectable, signal } from '@angular/core';
import type { QuotePayload } from '@promoto/shared-dto';

/**
 * The quote a member of the garage is writing a new version of, from its card in the timeline to
 * the editor of the thread's window (provided by ChatWindow). Null while none is.
 */
@Injectable()
export class QuoteRevision {
  private readonly replacing = signal<QuotePayload | null>(null);
  readonly current = this.replacing.asReadonly();

  start(quote: QuotePayload): void {
    this.replacing.set(quote);
  }

  end(): void {
    this.replacing.set(null);
  }
}
