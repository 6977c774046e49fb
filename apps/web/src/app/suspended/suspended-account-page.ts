import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { ERROR_CODES, LIMITS } from '@promoto/shared-dto';
import { describeError, errorCode } from '../core/api/api-error';
import { AuthApi } from '../core/api/auth-api';
import { PrivacyApi } from '../core/api/privacy-api';
import { SuspendedAccess } from '../core/auth/suspended-access';
import { fr } from '../i18n/fr';
import { DeleteAccountSection } from '../settings/delete-account-section';
import { MyDataSection } from '../settings/my-data-section';
import { FormSubmission } from '../shared/form-field/form-submission';
import { FieldControl, FormField } from '../shared/form-field/form-field';

/**
 * « Compte suspendu »: a suspension takes away the login, not the rights to a copy of one's data
 * and to one's deletion. The e-mail and password give this page a token for those two only (held
 * here, in memory), then it shows « Mes données » and « Supprimer mon compte » as the settings do.
 */
@Component({
  selector: 'app-suspended-account-page',
  imports: [DeleteAccountSection, FieldControl, FormField, MyDataSection, ReactiveFormsModule, RouterLink],
  templateUrl: './suspended-account-page.html',
  styleUrl: './suspended-account-page.css',
  providers: [SuspendedAccess, PrivacyApi],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SuspendedAccountPage {
  private readonly authApi = inject(AuthApi);
  protected readonly access = inject(SuspendedAccess);
  protected readonly fr = fr;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(LIMITS.emailMaxLength)]],
    password: ['', [Validators.required, Validators.maxLength(LIMITS.passwordMaxLength)]],
  });
  protected readonly submission = new FormSubmission();
  /** Said once the token has expired and the page asks for the password again. */
  protected readonly ended = signal(false);
  private expiry: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.expiry));
  }

  protected submit(): void {
    if (!this.submission.start(this.form)) return;
    this.authApi.suspendedAccess(this.form.getRawValue()).subscribe({
      next: ({ accessToken, expiresAt }) => {
        this.submission.done();
        this.form.controls.password.reset();
        this.ended.set(false);
        this.access.token.set(accessToken);
        // Nothing renews it: past its expiry the page asks for the password again.
        clearTimeout(this.expiry);
        this.expiry = setTimeout(
          () => {
            this.access.token.set(null);
            this.ended.set(true);
          },
          Date.parse(expiresAt) - Date.now(),
        );
      },
      error: (error: unknown) => {
        const code = errorCode(error);
        this.submission.fail(
          code === ERROR_CODES.UNAUTHENTICATED
            ? fr.auth.login.badCredentials
            : code === ERROR_CODES.CONFLICT
              ? fr.auth.suspended.notSuspended
              : describeError(error),
        );
      },
    });
  }
}
