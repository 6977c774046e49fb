import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { EMAIL_DELAY_CHOICES, type EmailDelayChoice, type NotificationPreferencesView } from '@promoto/shared-dto';
import { map, of, tap } from 'rxjs';
import { describeError } from '../core/api/api-error';
import { AuthApi } from '../core/api/auth-api';
import { Session } from '../core/auth/session';
import { NotificationsApi } from '../core/api/notifications-api';
import { loadable } from '../core/loadable';
import { PushDevice } from '../core/notifications/push-device';
import { fr } from '../i18n/fr';
import { FieldControl, FormField } from '../shared/form-field/form-field';
import { BlockedSection } from './blocked-section';
import { DeleteAccountSection } from './delete-account-section';
import { MyDataSection } from './my-data-section';

/** The default delay in the delay list: the form's value for "no choice of mine". */
const DEFAULT_DELAY = '';

/**
 * The notification preferences of clients and garagistes alike: e-mail on or off and its delay
 * (the account's), and push notifications on this device (the browser asks its permission when
 * the person switches them on here, never on page load); « Se déconnecter partout » ends every
 * session of the account; « Comptes bloqués » lists whom my side blocked, to unblock them; « Mes données » gives a copy of everything held about the person, and the account can be deleted.
 */
@Component({
  selector: 'app-settings-page',
  imports: [BlockedSection, DeleteAccountSection, FieldControl, FormField, MyDataSection, ReactiveFormsModule],
  templateUrl: './settings-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPage {
  private readonly api = inject(NotificationsApi);
  protected readonly fr = fr;
  protected readonly delayChoices = EMAIL_DELAY_CHOICES;
  protected readonly defaultDelay = DEFAULT_DELAY;
  protected readonly form = inject(NonNullableFormBuilder).group({
    emailEnabled: true,
    emailDelay: DEFAULT_DELAY,
  });
  // The form holds the server's values before it shows: nothing can reset what the person changes.
  protected readonly preferences = loadable(
    () => this.api.preferences().pipe(tap((loaded) => this.fill(loaded))),
    null as NotificationPreferencesView | null,
  );
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly push = inject(PushDevice);
  /** The server's VAPID key; null when it sends no push or this browser cannot receive any. */
  protected readonly pushKey = loadable(
    () => (this.push.supported ? this.api.pushPublicKey().pipe(map((view) => view.publicKey)) : of(null)),
    null as string | null,
  );
  protected readonly pushBusy = signal(false);
  protected readonly pushError = signal<string | null>(null);
  private readonly authApi = inject(AuthApi);
  private readonly session = inject(Session);
  protected readonly loggingOut = signal(false);
  protected readonly logoutError = signal<string | null>(null);

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.saved.set(false));
    this.form.controls.emailEnabled.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.followEmailEnabled());
  }

  private fill(loaded: NotificationPreferencesView): void {
    // Not a change of the person's: the "saved" note stays.
    this.form.setValue(
      {
        emailEnabled: loaded.emailEnabled,
        emailDelay: loaded.emailDelaySeconds === null ? DEFAULT_DELAY : String(loaded.emailDelaySeconds),
      },
      { emitEvent: false },
    );
    this.followEmailEnabled();
  }

  /** The delay means nothing while e-mails are off: it is kept, and cannot be changed until they are on. */
  private followEmailEnabled(): void {
    const delay = this.form.controls.emailDelay;
    if (this.form.controls.emailEnabled.value) delay.enable({ emitEvent: false });
    else delay.disable({ emitEvent: false });
  }

  protected save(): void {
    const { emailEnabled, emailDelay } = this.form.getRawValue();
    this.saving.set(true);
    this.saveError.set(null);
    this.api
      .updatePreferences({
        emailEnabled,
        emailDelaySeconds: emailDelay === DEFAULT_DELAY ? null : (Number(emailDelay) as EmailDelayChoice),
      })
      .subscribe({
        next: (updated) => {
          this.fill(updated);
          this.preferences.set(updated);
          this.saving.set(false);
          this.saved.set(true);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.saveError.set(describeError(error));
        },
      });
  }

  /** Ends every session of the account on the server (their sockets close), then this one here. */
  protected logoutEverywhere(): void {
    this.loggingOut.set(true);
    this.logoutError.set(null);
    this.authApi.logoutEverywhere().subscribe({
      next: () => {
        this.session.logout();
        this.session.notice.set(fr.settings.loggedOutEverywhere);
      },
      error: (error: unknown) => {
        this.loggingOut.set(false);
        this.logoutError.set(describeError(error));
      },
    });
  }

  protected async togglePush(serverPublicKey: string): Promise<void> {
    this.pushBusy.set(true);
    this.pushError.set(null);
    try {
      if (this.push.subscribed()) await this.push.disable();
      else await this.push.enable(serverPublicKey);
    } catch (error) {
      this.pushError.set(this.push.permission() === 'denied' ? fr.settings.pushBlocked : describeError(error));
    } finally {
      this.pushBusy.set(false);
    }
  }
}
