import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AdminReportView } from '@promoto/shared-dto';
import { firstValueFrom } from 'rxjs';
import { AdminApi } from '../core/api/admin-api';
import { describeError } from '../core/api/api-error';
import { fr } from '../i18n/fr';
import { ReportSummary } from './report-summary';

/** /admin: the reports, open ones first, a page at a time, each opening its conversation. */
@Component({
  selector: 'app-admin-reports-page',
  imports: [RouterLink, ReportSummary],
  template: `
    <h1>{{ fr.admin.reports.title }}</h1>
    <p class="hint">{{ fr.admin.reports.intro }}</p>
    @if (error(); as failure) {
      <p class="alert" role="alert">
        {{ failure }}
        <button type="button" class="button" (click)="load()">{{ fr.common.retry }}</button>
      </p>
    }
    @if (loaded() && reports().length === 0) {
      <p class="hint">{{ fr.admin.reports.none }}</p>
    }
    <ul class="list-reset stack reports">
      @for (report of reports(); track report.id) {
        <li class="card" [attr.data-report]="report.id">
          <app-report-summary [report]="report" />
          <a class="button primary" [routerLink]="['/admin/reports', report.id]">{{ fr.admin.reports.openThread }}</a>
        </li>
      }
    </ul>
    @if (nextCursor()) {
      <button type="button" class="button more" [disabled]="loading()" (click)="load()">
        {{ fr.admin.reports.more }}
      </button>
    }
    @if (loading()) {
      <p class="hint">{{ fr.common.loading }}</p>
    }
  `,
  styles: `
    h1 {
      margin-top: 0;
    }
    .reports a {
      margin-top: 0.75rem;
    }
    .more {
      margin-top: 1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminReportsPage {
  private readonly api = inject(AdminApi);
  protected readonly fr = fr;
  protected readonly reports = signal<AdminReportView[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  /** The first page, or the next one. */
  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await firstValueFrom(this.api.reports(this.nextCursor() ?? undefined));
      this.reports.update((reports) => [...reports, ...page.items]);
      this.nextCursor.set(page.nextCursor);
      this.loaded.set(true);
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.loading.set(false);
    }
  }
}
