import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import {
  LIMITS,
  WEEKDAYS,
  type ApiError,
  type OpeningHoursRequest,
  type OpeningHoursView,
  type Weekday,
} from '@promoto/shared-dto';
import { of } from 'rxjs';
import { describeError } from '../../core/api/api-error';
import { GaragesApi } from '../../core/api/garages-api';
import { Session } from '../../core/auth/session';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { localDay } from '../../shared/slot-picker/local-days';

interface Period {
  opens: string;
  closes: string;
}

interface DayHours {
  day: Weekday;
  name: string;
  periods: Period[];
}

interface ClosureDraft {
  from: string;
  to: string;
  label: string;
}

/** What a new period of a day proposes: the morning, or the afternoon after one. */
const NEW_PERIOD: readonly Period[] = [
  { opens: '08:00', closes: '12:00' },
  { opens: '14:00', closes: '18:00' },
];

/**
 * « Horaires d'ouverture »: the garage's week (periods per day) and closures, which bookings, the
 * away notice and the responsiveness figures follow. Owners change them; other members read them.
 */
@Component({
  selector: 'app-opening-hours-page',
  templateUrl: './opening-hours-page.html',
  styleUrl: './opening-hours-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpeningHoursPage {
  private readonly api = inject(GaragesApi);
  private readonly user = inject(Session).user();
  protected readonly fr = fr;
  protected readonly labelMax = LIMITS.closureLabelMaxLength;
  protected readonly canEdit = this.user?.garageRole === 'owner';
  private readonly garageId = this.user?.garageId;

  protected readonly hours = loadable(
    () => (this.garageId ? this.api.openingHours(this.garageId) : of(null)),
    null as OpeningHoursView | null,
  );
  protected readonly week = linkedSignal<DayHours[]>(() =>
    WEEKDAYS.map((day) => ({
      day,
      name: fr.openingHours.weekdays[day - 1],
      periods: (this.hours.value()?.weekly ?? [])
        .filter((period) => period.day === day)
        .map(({ opens, closes }) => ({ opens, closes })),
    })),
  );
  protected readonly closures = linkedSignal<ClosureDraft[]>(() =>
    (this.hours.value()?.closures ?? []).map(({ from, to, label }) => ({ from, to, label: label ?? '' })),
  );
  protected readonly custom = computed(() => this.hours.value()?.custom ?? false);
  protected readonly saving = signal(false);
  protected readonly saved = signal<string | null>(null);
  protected readonly problems = signal<string[]>([]);

  protected setPeriod(day: Weekday, index: number, field: keyof Period, value: string): void {
    this.editDay(day, (periods) =>
      periods.map((period, at) => (at === index ? { ...period, [field]: value } : period)),
    );
  }

  protected addPeriod(day: Weekday): void {
    this.editDay(day, (periods) => [...periods, { ...NEW_PERIOD[Math.min(periods.length, NEW_PERIOD.length - 1)] }]);
  }

  protected removePeriod(day: Weekday, index: number): void {
    this.editDay(day, (periods) => periods.filter((_, at) => at !== index));
  }

  protected addClosure(): void {
    const today = localDay(Date.now());
    this.closures.update((closures) => [...closures, { from: today, to: today, label: '' }]);
  }

  protected setClosure(index: number, field: keyof ClosureDraft, value: string): void {
    this.closures.update((closures) =>
      closures.map((closure, at) => (at === index ? { ...closure, [field]: value } : closure)),
    );
  }

  protected removeClosure(index: number): void {
    this.closures.update((closures) => closures.filter((_, at) => at !== index));
  }

  protected save(): void {
    if (!this.garageId || this.saving()) return;
    const request: OpeningHoursRequest = {
      weekly: this.week().flatMap(({ day, periods }) => periods.map((period) => ({ day, ...period }))),
      closures: this.closures().map(({ from, to, label }) => ({
        from,
        to,
        ...(label.trim() ? { label: label.trim() } : {}),
      })),
    };
    this.saving.set(true);
    this.saved.set(null);
    this.problems.set([]);
    this.api.setOpeningHours(this.garageId, request).subscribe({
      next: (view) => {
        this.saving.set(false);
        this.hours.set(view);
        this.saved.set(fr.openingHours.saved);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.problems.set(OpeningHoursPage.problemsOf(error));
      },
    });
  }

  private editDay(day: Weekday, change: (periods: Period[]) => Period[]): void {
    this.saved.set(null);
    this.week.update((week) =>
      week.map((hours) => (hours.day === day ? { ...hours, periods: change(hours.periods) } : hours)),
    );
  }

  /** The API says in French what is wrong with the hours (each period, each closure). */
  private static problemsOf(error: unknown): string[] {
    const body = error instanceof HttpErrorResponse ? (error.error as Partial<ApiError> | null) : null;
    if (body?.code === 'VALIDATION_FAILED' && body.message) return body.details?.length ? body.details : [body.message];
    return [describeError(error)];
  }
}
