import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { HttpErrorResponse } from '@angular/common/http';
import { ERROR_CODES, LIMITS, type ApiError, type RegisterRequest, type SignUpRole } from '@promoto/shared-dto';
import { describeError, errorCode } from '../../core/api/api-error';
import { AuthApi } from '../../core/api/auth-api';
import { Session, homeFor } from '../../core/auth/session';
import { fr } from '../../i18n/fr';
import { FormSubmission } from '../../shared/form-field/form-submission';
import { FieldControl, FormField } from '../../shared/form-field/form-field';

@Component({
  selector: 'app-register-page',
  imports: [FieldControl, FormField, ReactiveFormsModule, RouterLink],
  templateUrl: './register-page.html',
  styleUrl: '../auth-pages.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegisterPage {
  private readonly authApi = inject(AuthApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly fr = fr;
  protected readonly limits = LIMITS;

  private readonly fb = inject(NonNullableFormBuilder);
  private readonly garageField = () => ['', [Validators.required, Validators.maxLength(LIMITS.garageFieldMaxLength)]];
  protected readonly form = this.fb.group({
    role: this.fb.control<SignUpRole>('client'),
    name: ['', [Validators.required, Validators.maxLength(LIMITS.nameMaxLength)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(LIMITS.emailMaxLength)]],
    password: [
      '',
      [
        Validators.required,
        Validators.minLength(LIMITS.passwordMinLength),
        Validators.maxLength(LIMITS.passwordMaxLength),
      ],
    ],
    garage: this.fb.group({
      name: this.garageField(),
      city: this.garageField(),
      address: this.garageField(),
    }),
  });
  protected readonly garageFields = [
    { key: 'name', label: fr.auth.register.garageName, autocomplete: 'organization' },
    { key: 'city', label: fr.auth.register.garageCity, autocomplete: 'address-level2' },
    { key: 'address', label: fr.auth.register.garageAddress, autocomplete: 'street-address' },
  ] as const;
  protected readonly role = toSignal(this.form.controls.role.valueChanges, { initialValue: 'client' as SignUpRole });
  protected readonly submission = new FormSubmission();

  constructor() {
    // The garage fields only count for a garagiste: a disabled group is left out of validation.
    this.form.controls.garage.disable();
    this.form.controls.role.valueChanges.pipe(takeUntilDestroyed()).subscribe((role) => {
      const garage = this.form.controls.garage;
      if (role === 'garagiste') garage.enable();
      else garage.disable();
    });
  }

  protected submit(): void {
    if (!this.submission.start(this.form)) return;
    const { role, name, email, password, garage } = this.form.getRawValue();
    const request: RegisterRequest = { role, name: name.trim(), email: email.trim(), password };
    if (role === 'garagiste') {
      request.garage = { name: garage.name.trim(), city: garage.city.trim(), address: garage.address.trim() };
    }
    this.authApi.register(request).subscribe({
      next: (auth) => {
        this.session.start(auth);
        void this.router.navigateByUrl(homeFor(auth.user.role));
      },
      error: (error: unknown) => {
        this.submission.fail(RegisterPage.reason(error));
      },
    });
  }

  /** A weak password is refused with the API's own French sentence, which says what makes it guessable. */
  private static reason(error: unknown): string {
    if (errorCode(error) === ERROR_CODES.WEAK_PASSWORD && error instanceof HttpErrorResponse) {
      return (error.error as ApiError).message;
    }
    return describeError(error);
  }
}
