import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { vehicleLabel, type VehicleView } from '@promoto/shared-dto';
import { describeError } from '../../core/api/api-error';
import { VehiclesApi } from '../../core/api/vehicles-api';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';

/** « Mes véhicules »: the client's vehicles, each with « Modifier » and « Supprimer » (confirmed), and « Ajouter ». */
@Component({
  selector: 'app-vehicles-page',
  imports: [RouterLink],
  templateUrl: './vehicles-page.html',
  styleUrl: './vehicles-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VehiclesPage {
  private readonly api = inject(VehiclesApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  protected readonly fr = fr;
  protected readonly label = vehicleLabel;
  protected readonly vehicles = loadable(() => this.api.list(), [] as VehicleView[]);
  /** The vehicle whose deletion waits for a confirmation. */
  protected readonly confirmingId = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected askRemove(vehicle: VehicleView): void {
    this.confirmingId.set(vehicle.id);
    this.focusIn(vehicle.id, '.confirm-remove');
  }

  protected keep(vehicle: VehicleView): void {
    this.confirmingId.set(null);
    this.focusIn(vehicle.id, '.remove');
  }

  protected remove(vehicle: VehicleView): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.remove(vehicle.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.confirmingId.set(null);
        this.vehicles.set(this.vehicles.value().filter((item) => item.id !== vehicle.id));
        afterNextRender(() => this.host.querySelector<HTMLElement>('.add')?.focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeError(error));
      },
    });
  }

  private focusIn(id: string, selector: string): void {
    afterNextRender(() => this.host.querySelector<HTMLElement>(`[data-vehicle="${id}"] ${selector}`)?.focus(), {
      injector: this.injector,
    });
  }
}
