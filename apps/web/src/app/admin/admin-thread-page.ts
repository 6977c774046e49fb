import { ChangeDetectionStrategy, Component, computed, inject, input, signal, type OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AdminAccountView, AdminReportView, MessageView } from '@promoto/shared-dto';
import { firstValueFrom } from 'rxjs';
import { AdminApi } from '../core/api/admin-api';
import { describeError } from '../core/api/api-error';
import { formatDateTime } from '../core/format';
import { fr } from '../i18n/fr';
import { AccountSuspension } from './account-suspension';
import { ReportSummary } from './report-summary';

/**
 * /admin/reports/:id: the report, the conversation it names read-only (as its client reads it;
 * every page read is audited by the API), the accounts that wrote in it with « Suspendre le
 * compte », and « Marquer comme traité ».
 */
@Component({
  selector: 'app-admin-thread-page',
  imports: [AccountSuspension, ReportSummary, RouterLink],
  templateUrl: './admin-thread-page.html',
  styleUrl: './admin-thread-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminThreadPage implements OnInit {
  private readonly api = inject(AdminApi);
  /** The route's `:id`. */
  readonly id = input.required<string>();
  protected readonly fr = fr;
  protected readonly date = formatDateTime;
  protected readonly report = signal<AdminReportView | null>(null);
  protected readonly messages = signal<MessageView[]>([]);
  private readonly authors = signal<Map<string, AdminAccountView>>(new Map());
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly marking = signal(false);
  protected readonly error = signal<string | null>(null);

  /** Who wrote in the conversation, and the reported account, each once. */
  protected readonly accounts = computed(() => {
    const accounts = new Map(this.authors());
    const target = this.report()?.target;
    if (target) accounts.set(target.id, accounts.get(target.id) ?? target);
    return [...accounts.values()];
  });

  ngOnInit(): void {
    void this.load();
  }

  protected authorName(message: MessageView): string {
    return this.authors().get(message.senderId)?.name ?? message.senderName ?? fr.admin.reports.erased;
  }

  /** The report and the first page of its conversation, or the next page. */
  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      if (!this.report()) this.report.set(await firstValueFrom(this.api.report(this.id())));
      const page = await firstValueFrom(this.api.thread(this.id(), this.nextCursor() ?? undefined));
      this.messages.update((messages) => [...messages, ...page.items]);
      this.authors.update(
        (known) => new Map([...known, ...page.authors.map((author) => [author.id, author] as const)]),
      );
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async markHandled(): Promise<void> {
    this.marking.set(true);
    this.error.set(null);
    try {
      this.report.set(await firstValueFrom(this.api.markHandled(this.id())));
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.marking.set(false);
    }
  }

  protected onAccountChanged(account: AdminAccountView): void {
    this.authors.update((known) => new Map(known).set(account.id, account));
    this.report.update((report) => (report?.target?.id === account.id ? { ...report, target: account } : report));
  }
}
