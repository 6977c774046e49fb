import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { RouterLink } from '@angular/router';
import { LIMITS, type AppointmentView, type GarageView } from '@promoto/shared-dto';
import { catchError, of, switchMap } from 'rxjs';
import { describeError } from '../../core/api/api-error';
import { AppointmentsApi } from '../../core/api/appointments-api';
import { GaragesApi } from '../../core/api/garages-api';
import { formatDateTime } from '../../core/format';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { garageAddress } from '../../shared/garage-address';
import { publicResponsiveness } from '../../shared/responsiveness';
import { FormSubmission } from '../../shared/form-field/form-submission';
import { FieldControl, FormField } from '../../shared/form-field/form-field';

const DAY_MS = 86_400_000;

/** A `datetime-local` value (local time) that is not in the past, nor further ahead than the API accepts. */
function bookingDateTime(control: AbstractControl<string>): ValidationErrors | null {
  if (!control.value) return null;
  const at = Date.parse(control.value);
  if (!(at > Date.now())) return { future: true };
  return at <= Date.now() + LIMITS.bookingMaxDaysAhead * DAY_MS ? null : { tooFar: true };
}

/** The value of a `datetime-local` input for a date, in local time, to the minute. */
function toLocalInputValue(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** A garage seen by a client: details, how fast it answers, "Contacter", and a booking form. */
@Component({
  selector: 'app-garage-page',
  imports: [FieldControl, FormField, ReactiveFormsModule, RouterLink],
  templateUrl: './garage-page.html',
  styleUrl: './garage-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GaragePage {
  private readonly garagesApi = inject(GaragesApi);
  private readonly appointmentsApi = inject(AppointmentsApi);
  protected readonly fr = fr;
  protected readonly address = garageAddress;
  protected readonly limits = LIMITS;

  /** Route parameter. */
  readonly id = input.required<string>();
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
  protected readonly responsivenessLines = computed(() => {
    const view = this.responsiveness();
    return view ? publicResponsiveness(view.current) : [];
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    scheduledAt: ['', [Validators.required, bookingDateTime]],
    service: ['', [Validators.required, Validators.maxLength(LIMITS.serviceMaxLength)]],
    note: ['', Validators.maxLength(LIMITS.noteMaxLength)],
  });
  protected readonly minDate = toLocalInputValue(new Date());
  protected readonly maxDate = toLocalInputValue(new Date(Date.now() + LIMITS.bookingMaxDaysAhead * DAY_MS));
  protected readonly submission = new FormSubmission();
  protected readonly booked = signal<AppointmentView | null>(null);
  protected readonly bookedWhen = computed(() => {
    const booked = this.booked();
    return booked ? formatDateTime(booked.scheduledAt) : '';
  });

  protected book(garage: GarageView): void {
    if (!this.submission.start(this.form)) return;
    const { scheduledAt, service, note } = this.form.getRawValue();
    this.appointmentsApi
      .create({
        garageId: garage.id,
        scheduledAt: new Date(scheduledAt).toISOString(),
        service: service.trim(),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      .subscribe({
        next: (appointment) => {
          this.submission.done();
          this.form.reset();
          this.booked.set(appointment);
        },
        error: (error: unknown) => {
          this.submission.fail(describeError(error));
        },
      });
  }
}
