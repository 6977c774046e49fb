import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ERROR_CODES, type ApiError } from '@promoto/shared-dto';
import { describeError, errorCode } from '../core/api/api-error';
import { PrivacyApi } from '../core/api/privacy-api';
import { Session } from '../core/auth/session';
import { fr } from '../i18n/fr';
import { FieldControl, FormField } from '../shared/form-field/form-field';

/** Refusals the API words in French for this person (their garage still needs them). */
const GARAGE_REFUSALS = new Set<string>([ERROR_CODES.LAST_OWNER]);

/**
 * « Supprimer mon compte »: the password confirms it; once the API has accepted, this session ends
 * here too (every other one has ended on the server) and the login page says the account is gone.
 */
@Component({
  selector: 'app-delete-account-section',
  imports: [FieldControl, FormField, ReactiveFormsModule],
  templateUrl: './delete-account-section.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeleteAccountSection {
  private readonly api = inject(PrivacyApi);
  private readonly session = inject(Session);
  protected readonly fr = fr;
  protected readonly form = inject(NonNullableFormBuilder).group({ password: ['', Validators.required] });
  protected readonly deleting = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.deleting.set(true);
    this.error.set(null);
    this.api.deleteAccount(this.form.getRawValue().password).subscribe({
      next: () => {
        this.session.logout();
        this.session.notice.set(fr.settings.deleteAccount.done);
      },
      error: (error: unknown) => {
        this.deleting.set(false);
        this.error.set(this.describe(error));
      },
    });
  }

  private describe(error: unknown): string {
    const code = errorCode(error);
    if (code === ERROR_CODES.FORBIDDEN) return fr.settings.deleteAccount.wrongPassword;
    if (code && GARAGE_REFUSALS.has(code) && error instanceof HttpErrorResponse) {
      return (error.error as ApiError).message;
    }
    return describeError(error);
  }
}
