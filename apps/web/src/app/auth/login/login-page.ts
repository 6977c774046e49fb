import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { ERROR_CODES, LIMITS } from '@promoto/shared-dto';
import { describeError, errorCode } from '../../core/api/api-error';
import { AuthApi } from '../../core/api/auth-api';
import { Session, homeFor } from '../../core/auth/session';
import { fr } from '../../i18n/fr';
import { FormSubmission } from '../../shared/form-field/form-submission';
import { FieldControl, FormField } from '../../shared/form-field/form-field';

/** A return address is followed only inside the app and only into the user's own area. */
export function safeReturnUrl(returnUrl: string | undefined, home: string): string {
  if (!returnUrl || !returnUrl.startsWith('/') || returnUrl.startsWith('//')) return home;
  const area = ['/garage', '/admin'].find((root) => home.startsWith(root)) ?? '/app/';
  return returnUrl.startsWith(area) ? returnUrl : home;
}

@Component({
  selector: 'app-login-page',
  imports: [FieldControl, FormField, ReactiveFormsModule, RouterLink],
  templateUrl: './login-page.html',
  styleUrl: '../auth-pages.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);
  protected readonly session = inject(Session);
  protected readonly fr = fr;

  /** Query parameter set by the auth guard. */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(LIMITS.emailMaxLength)]],
    password: ['', [Validators.required, Validators.maxLength(LIMITS.passwordMaxLength)]],
  });
  protected readonly submission = new FormSubmission();
  /** The login answered ACCOUNT_SUSPENDED (the password was right). */
  private readonly refusedAsSuspended = signal(false);
  /** A suspended account is shown its way to its data: a copy, or its deletion. */
  protected readonly suspended = computed(
    () => this.refusedAsSuspended() || this.session.notice() === fr.errors.accountSuspended,
  );

  protected submit(): void {
    if (!this.submission.start(this.form)) return;
    this.authApi.login(this.form.getRawValue()).subscribe({
      next: (auth) => {
        this.session.start(auth);
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl(), homeFor(auth.user.role)));
      },
      error: (error: unknown) => {
        const code = errorCode(error);
        this.refusedAsSuspended.set(code === ERROR_CODES.ACCOUNT_SUSPENDED);
        this.submission.fail(code === 'UNAUTHENTICATED' ? fr.auth.login.badCredentials : describeError(error));
      },
    });
  }
}
