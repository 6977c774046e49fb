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
import type { AppointmentView } from '@promoto/shared-dto';
import { describeError } from '../../core/api/api-error';
import { AppointmentsApi, isSlotRefusal } from '../../core/api/appointments-api';
import { formatDateTime } from '../../core/format';
import { fr } from '../../i18n/fr';
import { SlotPicker } from '../slot-picker/slot-picker';

/**
 * « Déplacer »: a modal dialog with the garage's free slots; « Déplacer ici » moves the booking
 * there (its garagiste or its client may), and the notice goes to the other person. The slot
 * picker loads the first time the dialog opens: a page that shows « Déplacer » does not load it.
 */
@Component({
  selector: 'app-booking-move',
  imports: [SlotPicker],
  templateUrl: './booking-move.html',
  styleUrls: ['../booking-dialog.css', './booking-move.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingMove {
  private readonly api = inject(AppointmentsApi);
  protected readonly fr = fr;

  readonly appointment = input.required<AppointmentView>();
  readonly moved = output<AppointmentView>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  // By its name, not its class: a reference to the class outside the template would load the picker with « Déplacer ».
  private readonly slotPicker = viewChild<SlotPicker>('picker');
  protected readonly open = signal(false);
  protected readonly chosen = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly when = computed(() => formatDateTime(this.appointment().scheduledAt));

  protected show(): void {
    this.chosen.set(null);
    this.error.set(null);
    this.open.set(true);
    this.dialog().nativeElement.showModal();
  }

  protected close(): void {
    this.dialog().nativeElement.close();
  }

  /** The dialog closed (« Retour », Escape or a move): its slots are not loaded until it opens again. */
  protected closed(): void {
    this.open.set(false);
  }

  protected confirm(): void {
    const slot = this.chosen();
    if (!slot) {
      this.error.set(fr.bookings.pickSlot);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.reschedule(this.appointment().id, slot).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.close();
        this.moved.emit(updated);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeError(error));
        if (isSlotRefusal(error)) this.slotPicker()?.refresh();
      },
    });
  }
}
