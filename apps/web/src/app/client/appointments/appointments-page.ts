import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AppointmentView } from '@promoto/shared-dto';
import { describeError } from '../../core/api/api-error';
import { AppointmentsApi } from '../../core/api/appointments-api';
import { fr } from '../../i18n/fr';
import { appointmentPages } from '../../shared/appointment-pages';
import { AppointmentSummary } from '../../shared/appointment-summary/appointment-summary';

/** "Mes rendez-vous": the client's bookings, each with "Contacter le garagiste". */
@Component({
  selector: 'app-appointments-page',
  imports: [AppointmentSummary, RouterLink],
  templateUrl: './appointments-page.html',
  styleUrl: '../../shared/appointments.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppointmentsPage {
  private readonly api = inject(AppointmentsApi);
  protected readonly fr = fr;
  protected readonly appointments = appointmentPages();
  protected readonly actionError = signal<string | null>(null);
  protected readonly busyId = signal<string | null>(null);

  protected readonly items = computed(() =>
    this.appointments.items().map((appointment) => ({
      ...appointment,
      cancellable: appointment.status === 'pending' || appointment.status === 'confirmed',
    })),
  );

  protected cancel(appointment: AppointmentView): void {
    if (!confirm(fr.appointments.cancelConfirm)) return;
    this.busyId.set(appointment.id);
    this.actionError.set(null);
    this.api.updateStatus(appointment.id, 'cancelled').subscribe({
      next: (updated) => {
        this.busyId.set(null);
        this.appointments.replace(updated);
      },
      error: (error: unknown) => {
        this.busyId.set(null);
        this.actionError.set(describeError(error));
      },
    });
  }
}
