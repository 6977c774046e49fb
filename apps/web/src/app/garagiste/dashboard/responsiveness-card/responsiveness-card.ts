import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import type { GarageResponsivenessView } from '@promoto/shared-dto';
import { switchMap } from 'rxjs';
import { GaragesApi } from '../../../core/api/garages-api';
import { loadable } from '../../../core/loadable';
import { fr } from '../../../i18n/fr';
import { responsivenessCard, type Trend } from '../../../shared/responsiveness';

const ARROWS: Record<Trend, string> = { better: '↑', worse: '↓', same: '=' };

/** The dashboard's « Réactivité »: how fast my garage answered over the period, and the trend. */
@Component({
  selector: 'app-responsiveness-card',
  templateUrl: './responsiveness-card.html',
  styleUrl: './responsiveness-card.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResponsivenessCard {
  private readonly garagesApi = inject(GaragesApi);
  protected readonly fr = fr;
  protected readonly arrows = ARROWS;

  readonly garageId = input.required<string>();
  private readonly garageId$ = toObservable(this.garageId);
  protected readonly responsiveness = loadable(
    () => this.garageId$.pipe(switchMap((id) => this.garagesApi.responsiveness(id))),
    null as GarageResponsivenessView | null,
  );
  protected readonly card = computed(() => {
    const view = this.responsiveness.value();
    return view ? responsivenessCard(view) : null;
  });
}
