import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type ValidationErrors } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  VEHICLE_LIMITS,
  plateProblem,
  vehicleYearMax,
  type VehicleRequest,
  type VehicleView,
} from '@promoto/shared-dto';
import { of } from 'rxjs';
import { describeError } from '../../core/api/api-error';
import { VehiclesApi } from '../../core/api/vehicles-api';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { FieldControl, FormField } from '../../shared/form-field/form-field';
import { FormSubmission } from '../../shared/form-field/form-submission';

const WHOLE_NUMBER = /^\d+$/;

/** What is wrong with a field, as the French sentence the form field shows; null when it is fine. */
const check =
  (problem: (value: string) => string | null) =>
  ({ value }: { value: string }): ValidationErrors | null => {
    const message = value.trim() === '' ? null : problem(value.trim());
    return message ? { message } : null;
  };

const plateCheck = check((value) => {
  const problem = plateProblem(value);
  return problem ? fr.vehicles.plateProblems[problem] : null;
});
const yearCheck = check((value) =>
  WHOLE_NUMBER.test(value) && Number(value) >= VEHICLE_LIMITS.yearMin && Number(value) <= vehicleYearMax()
    ? null
    : fr.vehicles.yearRange(VEHICLE_LIMITS.yearMin, vehicleYearMax()),
);
const mileageCheck = check((value) =>
  WHOLE_NUMBER.test(value) && Number(value) <= VEHICLE_LIMITS.mileageMax
    ? null
    : fr.vehicles.mileageRange(VEHICLE_LIMITS.mileageMax),
);

/**
 * « Ajouter un véhicule » (`/app/vehicles/new`) and « Modifier le véhicule » (`/app/vehicles/:id/edit`):
 * the plate is checked as typed, with the rules the API applies, and saved as `AB-123-CD`.
 */
@Component({
  selector: 'app-vehicle-form-page',
  imports: [FieldControl, FormField, ReactiveFormsModule, RouterLink],
  templateUrl: './vehicle-form-page.html',
  styleUrl: './vehicle-form-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VehicleFormPage {
  private readonly api = inject(VehiclesApi);
  private readonly router = inject(Router);
  protected readonly fr = fr;
  protected readonly limits = VEHICLE_LIMITS;

  /** Route parameter: the vehicle to edit; absent when adding one. */
  readonly id = input<string>();
  protected readonly vehicle = loadable(
    (id) => (id ? this.api.get(id) : of(null)),
    null as VehicleView | null,
    () => this.id(),
  );

  protected readonly form = inject(NonNullableFormBuilder).group({
    plate: ['', [Validators.required, plateCheck]],
    make: ['', [Validators.required, Validators.maxLength(VEHICLE_LIMITS.makeMaxLength)]],
    model: ['', [Validators.required, Validators.maxLength(VEHICLE_LIMITS.modelMaxLength)]],
    year: ['', [Validators.required, yearCheck]],
    mileage: ['', mileageCheck],
  });
  protected readonly submission = new FormSubmission();

  constructor() {
    effect(() => {
      const vehicle = this.vehicle.value();
      if (!vehicle) return;
      const { plate, make, model, year, mileage } = vehicle;
      this.form.setValue({
        plate,
        make,
        model,
        year: String(year),
        mileage: mileage === undefined ? '' : String(mileage),
      });
    });
  }

  protected save(): void {
    if (!this.submission.start(this.form)) return;
    const { plate, make, model, year, mileage } = this.form.getRawValue();
    const request: VehicleRequest = {
      plate: plate.trim(),
      make: make.trim(),
      model: model.trim(),
      year: Number(year),
      ...(mileage.trim() ? { mileage: Number(mileage) } : {}),
    };
    const id = this.id();
    (id ? this.api.replace(id, request) : this.api.create(request)).subscribe({
      next: () => {
        this.submission.done();
        void this.router.navigateByUrl('/app/vehicles');
      },
      error: (error: unknown) => this.submission.fail(describeError(error)),
    });
  }
}
