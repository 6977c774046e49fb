import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { LIMITS, type GarageView, type GaragesQuery } from '@promoto/shared-dto';
import { GaragesApi } from '../../core/api/garages-api';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { garageAddress } from '../../shared/garage-address';
import { FieldControl, FormField } from '../../shared/form-field/form-field';

/** Garages a client can contact or book, searchable by city and by name or service. */
@Component({
  selector: 'app-garages-page',
  imports: [FieldControl, FormField, ReactiveFormsModule, RouterLink],
  templateUrl: './garages-page.html',
  styleUrl: './garages-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GaragesPage {
  private readonly api = inject(GaragesApi);
  protected readonly fr = fr;
  protected readonly address = garageAddress;
  protected readonly maxSearch = LIMITS.searchMaxLength;
  protected readonly form = inject(NonNullableFormBuilder).group({
    city: ['', Validators.maxLength(LIMITS.searchMaxLength)],
    q: ['', Validators.maxLength(LIMITS.searchMaxLength)],
  });
  private readonly query = signal<GaragesQuery>({});
  protected readonly garages = loadable((query) => this.api.list(query), [] as GarageView[], this.query);

  /** Each search loads again, the same one too (a new object), even while the last one is loading. */
  protected search(): void {
    const { city, q } = this.form.getRawValue();
    this.query.set({ city: city.trim(), q: q.trim() });
  }
}
