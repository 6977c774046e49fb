import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { LIMITS, type AppointmentStatus, type AppointmentView, type UserRole } from '@promoto/shared-dto';
import { describeError } from '../../core/api/api-error';
import { AppointmentsApi } from '../../core/api/appointments-api';
import { fr } from '../../i18n/fr';
import { BookingMove } from '../booking-move/booking-move';

/**
 * What can be done with a booking, each an explicit button: the garagiste « Confirmer » (pending)
 * and « Terminer » (confirmed); both « Déplacer » and « Annuler… » while it is open. Cancelling asks
 * first, with an optional reason that ends the notice. Nothing changes on focus or arrow keys.
 */
@Component({
  selector: 'app-booking-actions',
  imports: [BookingMove],
  templateUrl: './booking-actions.html',
  styleUrls: ['../booking-dialog.css', './booking-actions.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingActions {
  private readonly api = inject(AppointmentsApi);
  protected readonly fr = fr;
  protected readonly reasonMax = LIMITS.bookingReasonMaxLength;

  readonly appointment = input.required<AppointmentView>();
  /** Who acts: the garagiste confirms and completes, both move and cancel. */
  readonly actingAs = input.required<UserRole>();
  /** The booking as the server left it after a change made here. */
  readonly changed = output<AppointmentView>();

  private readonly cancelDialog = viewChild.required<ElementRef<HTMLDialogElement>>('cancelDialog');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly reason = signal('');

  protected readonly open = computed(() => ['pending', 'confirmed'].includes(this.appointment().status));
  protected readonly canConfirm = computed(
    () => this.actingAs() === 'garagiste' && this.appointment().status === 'pending',
  );
  protected readonly canComplete = computed(
    () => this.actingAs() === 'garagiste' && this.appointment().status === 'confirmed',
  );

  protected setStatus(status: AppointmentStatus, reason?: string): void {
    this.busy.set(true);
    this.error.set(null);
    this.done.set(null);
    this.api.updateStatus(this.appointment().id, status, reason).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.done.set(fr.bookings.done[status]);
        this.changed.emit(updated);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeError(error));
      },
    });
  }

  protected askCancel(): void {
    this.reason.set('');
    this.cancelDialog().nativeElement.showModal();
  }

  protected keep(): void {
    this.cancelDialog().nativeElement.close();
  }

  protected cancel(): void {
    this.cancelDialog().nativeElement.close();
    this.setStatus('cancelled', this.reason().trim() || undefined);
  }

  protected onMoved(updated: AppointmentView): void {
    this.error.set(null);
    this.done.set(fr.bookings.movedDone);
    this.changed.emit(updated);
  }
}
