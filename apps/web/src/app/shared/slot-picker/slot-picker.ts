import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { LIMITS, type FreeSlotsView } from '@promoto/shared-dto';
import { AppointmentsApi } from '../../core/api/appointments-api';
import { formatTime } from '../../core/format';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { dayLabel, localDay } from './local-days';

/** How many days one load covers: the chosen day and, when it has no free slot, the next ones to offer. */
const DAYS_LOADED = 14;
const DAY_MS = 86_400_000;

let pickers = 0;

/**
 * A day, then one of the garage's free slots that day (its opening hours, without the ones a
 * booking holds), as radio buttons; a day without any offers the next day that has some. The
 * chosen slot (an ISO date and time) is the two-way `selected`.
 */
@Component({
  selector: 'app-slot-picker',
  templateUrl: './slot-picker.html',
  styleUrl: './slot-picker.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SlotPicker {
  private readonly api = inject(AppointmentsApi);
  protected readonly fr = fr;
  protected readonly id = `slot-picker-${++pickers}`;

  readonly garageId = input.required<string>();
  /** The legend of the group. */
  readonly legend = input.required<string>();
  /** The error to show under it (a required choice not made). */
  readonly error = input<string | null>(null);
  readonly selected = model<string | null>(null);

  protected readonly today = localDay(Date.now());
  protected readonly lastDay = localDay(Date.now() + LIMITS.bookingMaxDaysAhead * DAY_MS);
  protected readonly day = signal(localDay(Date.now() + DAY_MS));
  protected readonly slots = loadable(
    ({ garageId, day }) => this.api.freeSlots(garageId, day, DAYS_LOADED),
    null as FreeSlotsView | null,
    () => ({ garageId: this.garageId(), day: this.day() }),
  );
  protected readonly options = computed(() =>
    (this.slots.value()?.slots ?? [])
      .filter((iso) => localDay(Date.parse(iso)) === this.day())
      .map((iso) => ({ iso, time: formatTime(iso) })),
  );
  /** The next day with a free slot, when the chosen one has none. */
  protected readonly nextDay = computed(() => {
    const next = (this.slots.value()?.slots ?? []).map((iso) => localDay(Date.parse(iso))).find((d) => d > this.day());
    return next ? { day: next, label: dayLabel(next) } : null;
  });
  protected readonly dayName = computed(() => dayLabel(this.day()));

  protected pickDay(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (!value) return;
    this.day.set(value);
    this.selected.set(null);
  }

  protected goTo(day: string): void {
    this.day.set(day);
    this.selected.set(null);
  }

  /** Reads the free slots again, the same day, without a choice: after a booking took one. */
  refresh(): void {
    this.selected.set(null);
    this.slots.reload();
  }
}
