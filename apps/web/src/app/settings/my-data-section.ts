import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { DataExportView } from '@promoto/shared-dto';
import { timer, type Subscription } from 'rxjs';
import { describeError } from '../core/api/api-error';
import { PrivacyApi } from '../core/api/privacy-api';
import { formatDateTime } from '../core/format';
import { loadable } from '../core/loadable';
import { fr } from '../i18n/fr';

/** How often the section asks whether a copy being prepared is ready. */
const POLL_MS = 3_000;

/**
 * « Mes données »: asks for a copy of everything Promoto holds about the person, says while it is
 * prepared (it checks every few seconds while the page is open; an e-mail says so too) and offers
 * its download until its link expires.
 */
@Component({
  selector: 'app-my-data-section',
  imports: [RouterLink],
  templateUrl: './my-data-section.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyDataSection {
  private readonly api = inject(PrivacyApi);
  protected readonly fr = fr;
  protected readonly formatDateTime = formatDateTime;
  protected readonly latest = loadable(() => this.api.latestExport(), null as DataExportView | null);
  protected readonly requesting = signal(false);
  protected readonly requestError = signal<string | null>(null);
  private poll: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.poll?.unsubscribe());
    this.watchWhilePending();
  }

  protected request(): void {
    this.requesting.set(true);
    this.requestError.set(null);
    this.api.requestExport().subscribe({
      next: (requested) => {
        this.requesting.set(false);
        this.latest.set(requested);
        this.watchWhilePending();
      },
      error: (error: unknown) => {
        this.requesting.set(false);
        this.requestError.set(describeError(error));
      },
    });
  }

  protected megabytes(bytes: number): string {
    return (bytes / 1_000_000).toLocaleString('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  }

  /** Asks again every few seconds while a copy is being prepared (or the first answer is awaited). */
  private watchWhilePending(): void {
    this.poll?.unsubscribe();
    this.poll = timer(POLL_MS, POLL_MS).subscribe(() => {
      const current = this.latest.value();
      if (this.latest.status() === 'ready' && current?.status !== 'pending') {
        this.poll?.unsubscribe();
        return;
      }
      this.api.latestExport().subscribe({ next: (latest) => this.latest.set(latest), error: () => undefined });
    });
  }
}
