import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AdminAccountView, AdminReportView, ReportedMessage } from '@promoto/shared-dto';
import { formatDateTime } from '../core/format';
import { fr } from '../i18n/fr';

/** What a report says: its status, reason and words, who reported whom, and the reported message. */
@Component({
  selector: 'app-report-summary',
  template: `
    @let item = report();
    <p class="heading">
      <span class="state" [class.open]="item.status === 'open'">
        {{ item.status === 'open' ? fr.admin.reports.open : fr.admin.reports.handled }}
      </span>
      <strong>{{ fr.chat.report.reasons[item.reason] }}</strong>
    </p>
    @if (item.details) {
      <p class="details">« {{ item.details }} »</p>
    }
    <p class="hint">
      {{ fr.admin.reports.reportedOn(date(item.createdAt)) }}
      @if (item.handledAt; as handledAt) {
        · {{ fr.admin.reports.handledOn(date(handledAt)) }}
      }
    </p>
    <p>{{ fr.admin.reports.by(person(item.reporter)) }} · {{ fr.admin.reports.garage(item.garage.name) }}</p>
    @if (item.target; as target) {
      <p>{{ fr.admin.reports.target(person(target)) }}</p>
    }
    @if (item.message; as message) {
      <blockquote class="excerpt">{{ excerpt(message) }}</blockquote>
    } @else {
      <p class="hint">{{ fr.admin.reports.wholeConversation }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      overflow-wrap: anywhere;
    }
    p {
      margin: 0.25rem 0;
    }
    .heading {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .state {
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      background: var(--success-soft);
      color: var(--success);
      font-size: 0.85rem;
      font-weight: 600;
    }
    .state.open {
      background: var(--danger-soft);
      color: var(--danger);
    }
    .excerpt {
      margin: 0.5rem 0 0;
      padding: 0.5rem 0.75rem;
      border-left: 3px solid var(--border);
      white-space: pre-wrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportSummary {
  readonly report = input.required<AdminReportView>();
  protected readonly fr = fr;
  protected readonly date = formatDateTime;

  protected excerpt(message: ReportedMessage): string {
    return message.deletedAt ? fr.admin.reports.deletedMessage : message.excerpt;
  }

  protected person(account: AdminAccountView | undefined): string {
    if (!account) return fr.admin.reports.erased;
    return account.garageName ? `${account.name} (${account.garageName})` : account.name;
  }
}
