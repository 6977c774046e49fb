import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { REPORT_LIMITS, REPORT_REASONS, type ReportReason } from '@promoto/shared-dto';
import { describeError } from '../../core/api/api-error';
import { ReportsApi } from '../../core/api/reports-api';
import { fr } from '../../i18n/fr';
import { FieldControl, FormField } from '../../shared/form-field/form-field';

/**
 * « Signaler »: a reason from the list and words of one's own (required with « Autre »), sent as a
 * report of the whole conversation (`userId`) or of one message (`messageId`); once the server has
 * it, the panel says it was received.
 */
@Component({
  selector: 'app-report-panel',
  imports: [FieldControl, FormField, ReactiveFormsModule],
  templateUrl: './report-panel.html',
  styles: `
    :host {
      display: block;
      padding: 0.75rem 1rem;
      border-bottom: 1px solid var(--border);
      background: var(--surface-hover);
    }
    fieldset {
      border: 0;
      margin: 0 0 0.5rem;
      padding: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    textarea {
      width: 100%;
      box-sizing: border-box;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPanel {
  private readonly api = inject(ReportsApi);
  protected readonly fr = fr;
  protected readonly reasons = REPORT_REASONS;
  protected readonly detailsMaxLength = REPORT_LIMITS.detailsMaxLength;

  /** The other side of the thread: the conversation reported when no message is. */
  readonly userId = input.required<string>();
  /** The message reported, if one is. */
  readonly messageId = input<string | null>(null);
  readonly closed = output<void>();

  // Checked by submit(), which says what is missing; the textarea's maxlength bounds the details.
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: '' as ReportReason | '',
    details: '',
  });
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly sent = signal(false);

  protected submit(): void {
    const { reason, details } = this.form.getRawValue();
    if (!reason) {
      this.error.set(fr.chat.report.reasonRequired);
      return;
    }
    if (reason === 'other' && !details.trim()) {
      this.error.set(fr.chat.report.detailsRequired);
      return;
    }
    const messageId = this.messageId();
    this.sending.set(true);
    this.error.set(null);
    this.api
      .report({
        ...(messageId ? { messageId } : { userId: this.userId() }),
        reason,
        ...(details.trim() ? { details: details.trim() } : {}),
      })
      .subscribe({
        next: () => {
          this.sending.set(false);
          this.sent.set(true);
        },
        error: (error: unknown) => {
          this.sending.set(false);
          this.error.set(describeError(error));
        },
      });
  }
}
