import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { ADMIN_LIMITS, type AdminAccountView } from '@promoto/shared-dto';
import { AdminApi } from '../core/api/admin-api';
import { formatDateTime } from '../core/format';
import { fr } from '../i18n/fr';
import { PageAction } from '../shared/page-action';

/**
 * One account of a reported conversation: « Suspendre le compte », confirmed with a reason, or
 * while it is suspended, since when and why, with « Lever la suspension » (a reason too).
 */
@Component({
  selector: 'app-account-suspension',
  template: `
    @let person = account();
    <div class="who">
      <strong>{{ person.name }}</strong>
      <span class="hint">{{ fr.roles[person.role] }}{{ person.garageName ? ' · ' + person.garageName : '' }}</span>
      @if (person.suspension; as suspension) {
        <span class="suspended">{{
          fr.admin.suspension.suspendedSince(date(suspension.suspendedAt), suspension.reason)
        }}</span>
      }
    </div>
    @if (person.role === 'admin') {
      <p class="hint">{{ fr.admin.suspension.adminAccount }}</p>
    } @else if (asking()) {
      <form class="form" (submit)="$event.preventDefault(); confirm()">
        @if (!person.suspension) {
          <p role="alert">{{ fr.admin.suspension.confirmText(person.name) }}</p>
        }
        <label class="field">
          <span>{{ person.suspension ? fr.admin.suspension.liftReason : fr.admin.suspension.reason }}</span>
          <textarea #reason rows="2" [attr.maxlength]="maxLength" [attr.aria-invalid]="missing()"></textarea>
        </label>
        @if (missing()) {
          <p class="field-error" role="alert">{{ fr.admin.suspension.reasonRequired }}</p>
        }
        <div class="actions">
          <button type="submit" class="button" [class.danger]="!person.suspension" [disabled]="action.busy()">
            {{ person.suspension ? fr.admin.suspension.lift : fr.admin.suspension.confirm }}
          </button>
          <button type="button" class="button" (click)="asking.set(false)">{{ fr.admin.suspension.cancel }}</button>
        </div>
      </form>
    } @else {
      <button
        type="button"
        class="button"
        [class.danger]="!person.suspension"
        [attr.aria-label]="
          person.suspension ? fr.admin.suspension.liftNamed(person.name) : fr.admin.suspension.suspendNamed(person.name)
        "
        (click)="ask()"
      >
        {{ person.suspension ? fr.admin.suspension.lift : fr.admin.suspension.suspend }}
      </button>
    }
    @if (action.error(); as failure) {
      <p class="alert" role="alert">{{ failure }}</p>
    }
    <p role="status" class="alert success" [hidden]="!done()">{{ done() }}</p>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      overflow-wrap: anywhere;
    }
    .who {
      display: flex;
      flex-direction: column;
    }
    .suspended {
      color: var(--danger);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    p {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountSuspension {
  private readonly api = inject(AdminApi);
  private readonly injector = inject(Injector);
  readonly account = input.required<AdminAccountView>();
  /** The account as the API answered a suspension or its lifting. */
  readonly changed = output<AdminAccountView>();
  protected readonly fr = fr;
  protected readonly date = formatDateTime;
  protected readonly maxLength = ADMIN_LIMITS.suspensionReasonMaxLength;
  protected readonly asking = signal(false);
  protected readonly missing = signal(false);
  protected readonly action = new PageAction();
  protected readonly done = signal<string | null>(null);
  private readonly reason = viewChild<ElementRef<HTMLTextAreaElement>>('reason');

  protected ask(): void {
    this.asking.set(true);
    this.missing.set(false);
    this.done.set(null);
    afterNextRender(() => this.reason()?.nativeElement.focus(), { injector: this.injector });
  }

  protected confirm(): void {
    const reason = this.reason()?.nativeElement.value.trim() ?? '';
    this.missing.set(!reason);
    if (!reason) return;
    const account = this.account();
    this.action.run(
      account.suspension ? this.api.reinstate(account.id, reason) : this.api.suspend(account.id, reason),
      (updated) => {
        this.asking.set(false);
        this.done.set(
          updated.suspension ? fr.admin.suspension.suspended(updated.name) : fr.admin.suspension.lifted(updated.name),
        );
        this.changed.emit(updated);
      },
    );
  }
}
