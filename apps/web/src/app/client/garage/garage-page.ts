import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { LIMITS, vehicleLabel, type AppointmentView, type GarageView, type VehicleView } from '@promoto/shared-dto';
import { catchError, of, switchMap } from 'rxjs';
import { describeError } from '../../core/api/api-error';
import { AppointmentsApi, isSlotRefusal } from '../../core/api/appointments-api';
import { GaragesApi } from '../../core/api/garages-api';
import { VehiclesApi } from '../../core/api/vehicles-api';
import { formatDateTime } from '../../core/format';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { garageAddress } from '../../shared/garage-address';
import { publicResponsiveness } from '../../shared/responsiveness';
import { preselectVehicle } from '../../shared/preselect-vehicle';
import { FormSubmission } from '../../shared/form-field/form-submission';
import { FieldControl, FormField } from '../../shared/form-field/form-field';
import { SlotPicker } from '../../shared/slot-picker/slot-picker';

/** A garage seen by a client: details, how fast it answers, "Contacter", and a booking form on its free slots. */
@Component({
  selector: 'app-garage-page',
  imports: [FieldControl, FormField, ReactiveFormsModule, RouterLink, SlotPicker],
  templateUrl: './garage-page.html',
  styleUrl: './garage-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GaragePage {
  private readonly garagesApi = inject(GaragesApi);
  private readonly appointmentsApi = inject(AppointmentsApi);
  private readonly vehiclesApi = inject(VehiclesApi);
  protected readonly fr = fr;
  protected readonly address = garageAddress;
  protected readonly limits = LIMITS;
  protected readonly vehicleLabel = vehicleLabel;

  /** Route parameter. */
  readonly id = input.required<string>();
  /** Query parameter `vehicle`: one of my vehicles, chosen in advance (a reminder's « Prendre rendez-vous »). */
  readonly vehicle = input<string>();
  private readonly id$ = toObservable(this.id);
  protected readonly garage = loadable(
    () => this.id$.pipe(switchMap((id) => this.garagesApi.get(id))),
    null as GarageView | null,
  );
  // The responsiveness only informs the choice: without it the page works as before, so a failure stays silent.
  private readonly responsiveness = toSignal(
    this.id$.pipe(switchMap((id) => this.garagesApi.responsiveness(id).pipe(catchError(() => of(null))))),
    { initialValue: null },
  );
  // The vehicle only informs the booking: without the list the form books without one.
  protected readonly vehicles = toSignal(this.vehiclesApi.list().pipe(catchError(() => of([] as VehicleView[]))), {
    initialValue: [] as VehicleView[],
  });
  protected readonly responsivenessLines = computed(() => {
    const view = this.responsiveness();
    return view ? publicResponsiveness(view.current) : [];
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    /** One of the garage's free slots, chosen in the slot picker (an ISO date and time). */
    scheduledAt: ['', Validators.required],
    service: ['', [Validators.required, Validators.maxLength(LIMITS.serviceMaxLength)]],
    note: ['', Validators.maxLength(LIMITS.noteMaxLength)],
    /** One of my vehicles, or '' for none. */
    vehicleId: [''],
  });
  protected readonly submission = new FormSubmission();
  private readonly slotPicker = viewChild(SlotPicker);
  protected readonly booked = signal<AppointmentView | null>(null);
  protected readonly bookedWhen = computed(() => {
    const booked = this.booked();
    return booked ? formatDateTime(booked.scheduledAt) : '';
  });

  constructor() {
    preselectVehicle(this.form.controls.vehicleId, this.vehicle, () => this.vehicles().map(({ id }) => id));
  }

  protected book(garage: GarageView): void {
    if (!this.submission.start(this.form)) return;
    const { scheduledAt, service, note, vehicleId } = this.form.getRawValue();
    this.appointmentsApi
      .create({
        garageId: garage.id,
        scheduledAt,
        service: service.trim(),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(vehicleId ? { vehicleId } : {}),
      })
      .subscribe({
        next: (appointment) => {
          this.submission.done();
          this.form.reset();
          this.booked.set(appointment);
          // The slot just booked is no longer free.
          this.slotPicker()?.refresh();
        },
        error: (error: unknown) => {
          this.submission.fail(describeError(error));
          if (isSlotRefusal(error)) this.slotPicker()?.refresh();
        },
      });
  }
}
