import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { vehicleLabel, type VehicleView } from '@promoto/shared-dto';
import { VehiclesApi } from '../../core/api/vehicles-api';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { ConfirmedRemoval } from '../../shared/confirmed-removal/confirmed-removal';
import { PageAction } from '../../shared/page-action';

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
  protected readonly removal = new ConfirmedRemoval('data-vehicle');
  protected readonly action = new PageAction();

  protected remove(vehicle: VehicleView): void {
    this.action.run(this.api.remove(vehicle.id), () => {
      this.removal.done();
      this.vehicles.set(this.vehicles.value().filter((item) => item.id !== vehicle.id));
      afterNextRender(() => this.host.querySelector<HTMLElement>('.add')?.focus(), { injector: this.injector });
    });
  }
}
