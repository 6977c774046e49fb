import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { LIMITS, type GarageMemberView, type GarageRole, type GarageTeamView } from '@promoto/shared-dto';
import type { Observable } from 'rxjs';
import { describeError } from '../../core/api/api-error';
import { TeamApi } from '../../core/api/team-api';
import { Session } from '../../core/auth/session';
import { formatDateTime } from '../../core/format';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { FormSubmission } from '../../shared/form-field/form-submission';
import { FieldControl, FormField } from '../../shared/form-field/form-field';

/** The garage's team: its members and their roles; owners invite, change roles and remove. */
@Component({
  selector: 'app-team-page',
  imports: [FieldControl, FormField, ReactiveFormsModule],
  templateUrl: './team-page.html',
  styleUrl: './team-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamPage {
  private readonly api = inject(TeamApi);
  private readonly session = inject(Session);
  protected readonly fr = fr;
  protected readonly formatDateTime = formatDateTime;
  protected readonly roles: GarageRole[] = ['owner', 'staff'];
  protected readonly me = this.session.user;
  protected readonly team = loadable(() => this.api.team(), null as GarageTeamView | null);
  /** From the team as loaded, not the session: a role changed since login counts at once. */
  protected readonly isOwner = computed(
    () => this.team.value()?.members.find((member) => member.userId === this.me()?.id)?.role === 'owner',
  );
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly invited = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(LIMITS.emailMaxLength)]],
    role: ['staff' as GarageRole],
  });
  protected readonly submission = new FormSubmission();

  protected invite(): void {
    if (!this.submission.start(this.form)) return;
    this.invited.set(null);
    this.api.invite(this.form.getRawValue()).subscribe({
      next: (invitation) => {
        this.submission.done();
        this.form.reset();
        this.invited.set(fr.team.invited(invitation.email));
        this.team.reload();
      },
      error: (error: unknown) => this.submission.fail(describeError(error)),
    });
  }

  protected onRoleChange(member: GarageMemberView, event: Event): void {
    const select = event.target as HTMLSelectElement;
    const role = select.value as GarageRole;
    // A refused change leaves the member's role as it was, which the template's bindings do not
    // see as a change: the list is put back by hand.
    this.run(
      this.api.changeRole(member.userId, { role }),
      () => this.team.reload(),
      () => (select.value = member.role),
    );
  }

  protected remove(member: GarageMemberView): void {
    const leaving = member.userId === this.me()?.id;
    if (!confirm(leaving ? fr.team.confirmLeave : fr.team.confirmRemove(member.name))) return;
    // Leaving ends this session's access to the garage: the server closes its sockets and the
    // app goes back to the login page (membership-ended).
    this.run(this.api.remove(member.userId), () =>
      leaving ? this.session.leaveGarage(fr.team.left) : this.team.reload(),
    );
  }

  protected revoke(invitationId: string): void {
    this.run(this.api.revoke(invitationId), () => this.team.reload());
  }

  private run<T>(request: Observable<T>, done: () => void, refused?: () => void): void {
    this.busy.set(true);
    this.error.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        done();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeError(error));
        refused?.();
        this.team.reload();
      },
    });
  }
}
