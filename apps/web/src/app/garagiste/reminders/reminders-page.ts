import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { REMINDER_LIMITS, vehicleLabel, type AppointmentView, type ReminderView } from '@promoto/shared-dto';
import { catchError, map, of } from 'rxjs';
import { describeError } from '../../core/api/api-error';
import { AppointmentsApi } from '../../core/api/appointments-api';
import { RemindersApi } from '../../core/api/reminders-api';
import { formatDateTime } from '../../core/format';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { FieldControl, FormField } from '../../shared/form-field/form-field';
import { FormSubmission } from '../../shared/form-field/form-submission';
import { PageAction } from '../../shared/page-action';
import { preselectVehicle } from '../../shared/preselect-vehicle';

/** A vehicle the garage knows through a booking made with it: « Camille Durand — Renault Clio · AB-123-CD ». */
export interface KnownVehicle {
  vehicleId: string;
  label: string;
}

/** The vehicles of the garage's bookings, newest booking first, each once. */
export function vehiclesOfBookings(bookings: readonly AppointmentView[]): KnownVehicle[] {
  const known = new Map<string, KnownVehicle>();
  for (const { vehicle, clientName } of bookings) {
    if (vehicle && !known.has(vehicle.vehicleId)) {
      known.set(vehicle.vehicleId, { vehicleId: vehicle.vehicleId, label: `${clientName} — ${vehicleLabel(vehicle)}` });
    }
  }
  return [...known.values()];
}

/**
 * « Rappels »: a member schedules a reminder on a client's vehicle (one the garage's bookings
 * name), and sees and cancels the garage's reminders still to come. `?vehicle=` chooses the vehicle.
 */
@Component({
  selector: 'app-reminders-page',
  imports: [FieldControl, FormField, ReactiveFormsModule],
  templateUrl: './reminders-page.html',
  styleUrl: './reminders-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RemindersPage {
  private readonly api = inject(RemindersApi);
  protected readonly fr = fr;
  protected readonly limits = REMINDER_LIMITS;
  protected readonly label = vehicleLabel;
  protected readonly when = formatDateTime;

  /** Query parameter: the vehicle to remind about. */
  readonly vehicle = input<string>();
  protected readonly reminders = loadable(() => this.api.upcoming(), [] as ReminderView[]);
  protected readonly vehicles = toSignal(
    inject(AppointmentsApi)
      .list()
      .pipe(
        map(vehiclesOfBookings),
        catchError(() => of([] as KnownVehicle[])),
      ),
    { initialValue: [] as KnownVehicle[] },
  );
  protected readonly form = inject(NonNullableFormBuilder).group({
    vehicleId: ['', Validators.required],
    text: ['', [Validators.required, Validators.maxLength(REMINDER_LIMITS.textMaxLength)]],
    /** `YYYY-MM-DD`, and `HH:MM` on the device's clock. */
    day: ['', Validators.required],
    time: ['09:00', Validators.required],
  });
  protected readonly submission = new FormSubmission();
  protected readonly action = new PageAction();

  constructor() {
    preselectVehicle(this.form.controls.vehicleId, this.vehicle, () =>
      this.vehicles().map(({ vehicleId }) => vehicleId),
    );
  }

  protected schedule(): void {
    if (!this.submission.start(this.form)) return;
    const { vehicleId, text, day, time } = this.form.getRawValue();
    const dueAt = new Date(`${day}T${time}`);
    if (Number.isNaN(dueAt.getTime()) || dueAt.getTime() <= Date.now()) {
      this.submission.fail(fr.reminders.past);
      return;
    }
    this.api.schedule({ vehicleId, text: text.trim(), dueAt: dueAt.toISOString() }).subscribe({
      next: (reminder) => {
        this.submission.done();
        this.form.reset();
        this.reminders.set(
          [...this.reminders.value(), reminder].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)),
        );
      },
      error: (error: unknown) => this.submission.fail(describeError(error)),
    });
  }

  protected cancel(reminder: ReminderView): void {
    this.action.run(
      this.api.cancel(reminder.id),
      () => this.reminders.set(this.reminders.value().filter((item) => item.id !== reminder.id)),
      reminder.id,
    );
  }
}
