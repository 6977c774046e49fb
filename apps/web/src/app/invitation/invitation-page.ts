import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { LIMITS, type AuthResponse, type InvitationPreviewView } from '@promoto/shared-dto';
import { catchError, map, of, switchMap, tap, throwError, type Observable } from 'rxjs';
import { describeError, errorCode } from '../core/api/api-error';
import { AuthApi } from '../core/api/auth-api';
import { TeamApi } from '../core/api/team-api';
import { Session } from '../core/auth/session';
import { loadable } from '../core/loadable';
import { fr } from '../i18n/fr';
import { FormSubmission } from '../shared/form-field/form-submission';
import { FieldControl, FormField } from '../shared/form-field/form-field';

/**
 * The invitation's link (`/invitation#<token>`: the fragment never reaches a server's logs): what
 * it offers, then joining with a new account for the invited e-mail, with that e-mail's account
 * (logging in here), or with the account already signed in.
 */
@Component({
  selector: 'app-invitation-page',
  imports: [FieldControl, FormField, ReactiveFormsModule, RouterLink],
  templateUrl: './invitation-page.html',
  styleUrl: '../auth/auth-pages.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitationPage {
  private readonly api = inject(TeamApi);
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);
  protected readonly session = inject(Session);
  protected readonly fr = fr;
  protected readonly limits = LIMITS;
  private readonly token = inject(ActivatedRoute).snapshot.fragment ?? '';
  private readonly loadCode = signal<string | null>(null);
  protected readonly invitation = loadable(
    () => this.api.preview(this.token).pipe(tap({ error: (error: unknown) => this.loadCode.set(errorCode(error)) })),
    null as InvitationPreviewView | null,
  );
  /** Why the link cannot be used, in French; null while it can. */
  protected readonly refusal = computed(() => {
    const code = this.invitation.status() === 'error' ? this.loadCode() : null;
    if (code === 'INVITATION_USED') return fr.invitation.used;
    if (code === 'INVITATION_EXPIRED') return fr.invitation.expired;
    if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED' || !this.token) return fr.invitation.invalid;
    return null;
  });
  /** The signed-in account is the invited one: it joins in one click. */
  protected readonly signedInAsInvited = computed(() => this.session.user()?.email === this.invitation.value()?.email);
  protected readonly registerForm = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(LIMITS.nameMaxLength)]],
    password: [
      '',
      [
        Validators.required,
        Validators.minLength(LIMITS.passwordMinLength),
        Validators.maxLength(LIMITS.passwordMaxLength),
      ],
    ],
  });
  protected readonly loginForm = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.maxLength(LIMITS.passwordMaxLength)]],
  });
  protected readonly submission = new FormSubmission();

  protected register(): void {
    if (!this.submission.start(this.registerForm)) return;
    this.join(this.api.register({ token: this.token, ...this.registerForm.getRawValue() }));
  }

  /**
   * Logs in as the invited account and accepts as it, then ends the session of another account
   * this browser was signed in as (its tokens refused, its sockets closed), as the API does for an
   * account made on the link: the browser holds one session, the one the acceptance answered.
   * A refused link (expired, used or withdrawn since the page opened) changes nothing: the session
   * the login opened for it ends unused, and the browser stays signed in as it was.
   */
  protected loginAndAccept(): void {
    const email = this.invitation.value()?.email;
    if (!email || !this.submission.start(this.loginForm)) return;
    const signedIn = this.session.user() !== null;
    this.join(
      this.authApi.login({ email, password: this.loginForm.getRawValue().password }).pipe(
        switchMap((auth) =>
          this.api.accept(this.token, auth.accessToken).pipe(
            catchError((refusal: unknown) =>
              this.authApi.logout(auth.accessToken).pipe(
                catchError(() => of(undefined)),
                switchMap(() => throwError(() => refusal)),
              ),
            ),
          ),
        ),
        switchMap((joined) =>
          signedIn
            ? this.authApi.logout().pipe(
                catchError(() => of(undefined)),
                map(() => joined),
              )
            : of(joined),
        ),
      ),
    );
  }

  protected accept(): void {
    if (this.submission.pending()) return;
    this.submission.pending.set(true);
    this.join(this.api.accept(this.token));
  }

  private join(request: Observable<AuthResponse>): void {
    request.subscribe({
      next: (auth) => {
        this.session.start(auth);
        void this.router.navigateByUrl('/garage/messages');
      },
      error: (error: unknown) => {
        const code = errorCode(error);
        this.submission.fail(
          code === 'UNAUTHENTICATED'
            ? fr.auth.login.badCredentials
            : code === 'CONFLICT'
              ? fr.invitation.alreadyInGarage
              : code === 'FORBIDDEN'
                ? fr.invitation.notInvitedAccount
                : code === 'NOT_FOUND'
                  ? fr.invitation.invalid
                  : describeError(error),
        );
      },
    });
  }
}
