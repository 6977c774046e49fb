import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { LIMITS, type GaragePage, type GaragesQuery } from '@promoto/shared-dto';
import { describeError } from '../../core/api/api-error';
import { GaragesApi } from '../../core/api/garages-api';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { garageAddress } from '../../shared/garage-address';
import { FieldControl, FormField } from '../../shared/form-field/form-field';

const NO_GARAGES: GaragePage = { items: [], nextCursor: null, total: 0 };

/**
 * Garages a client can contact or book, searchable by city and by name or service, a page at a
 * time: how many the search finds, and « Voir plus » for the next page.
 */
@Component({
  selector: 'app-garages-page',
  imports: [FieldControl, FormField, ReactiveFormsModule, RouterLink],
  templateUrl: './garages-page.html',
  styleUrl: './garages-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GaragesPage {
  private readonly api = inject(GaragesApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly fr = fr;
  protected readonly address = garageAddress;
  protected readonly maxSearch = LIMITS.searchMaxLength;
  protected readonly form = inject(NonNullableFormBuilder).group({
    city: ['', Validators.maxLength(LIMITS.searchMaxLength)],
    q: ['', Validators.maxLength(LIMITS.searchMaxLength)],
  });
  private readonly query = signal<GaragesQuery>({});
  protected readonly garages = loadable((query) => this.api.search(query), NO_GARAGES, this.query);
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<string | null>(null);
  protected readonly count = computed(() => {
    const { items, total } = this.garages.value();
    return fr.garages.count(total, items.length);
  });

  /** Each search loads again, the same one too (a new object), even while the last one is loading. */
  protected search(): void {
    const { city, q } = this.form.getRawValue();
    this.moreError.set(null);
    this.query.set({ city: city.trim(), q: q.trim() });
  }

  /** Appends the next page of the same search, and moves focus to its first garage. */
  protected loadMore(): void {
    const query = this.query();
    const { items, nextCursor } = this.garages.value();
    if (!nextCursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreError.set(null);
    this.api
      .search({ ...query, cursor: nextCursor })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (next) => {
          this.loadingMore.set(false);
          // A new search meanwhile has its own first page: this one belongs to the last.
          if (this.query() !== query) return;
          this.garages.set({ ...next, items: [...items, ...next.items] });
          afterNextRender(
            () => this.host.nativeElement.querySelectorAll<HTMLElement>('.garages h2 a')[items.length]?.focus(),
            { injector: this.injector },
          );
        },
        error: (error: unknown) => {
          this.loadingMore.set(false);
          this.moreError.set(describeError(error));
        },
      });
  }
}
