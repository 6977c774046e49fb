import { ChangeDetectionStrategy, Component, inject, linkedSignal, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  APPOINTMENT_STATUSES,
  type AppointmentStatus,
  type AppointmentView,
  type GarageView,
} from '@promoto/shared-dto';
import { of } from 'rxjs';
import { ChatList } from '../../chat/chat-list/chat-list';
import { ConversationsStore } from '../../chat/conversations.store';
import { describeError } from '../../core/api/api-error';
import { AppointmentsApi } from '../../core/api/appointments-api';
import { GaragesApi } from '../../core/api/garages-api';
import { Session } from '../../core/auth/session';
import { loadable, type LoadStatus } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { appointmentPages } from '../../shared/appointment-pages';
import { AppointmentSummary } from '../../shared/appointment-summary/appointment-summary';
import { UnreadBadge } from '../../shared/unread-badge/unread-badge';
import { ResponsivenessCard } from './responsiveness-card/responsiveness-card';

/** How many recent conversations the "Messages Clients" section shows. */
const RECENT_CONVERSATIONS = 5;

/** The garagiste's dashboard: recent client messages, how fast the garage answers, and its bookings. */
@Component({
  selector: 'app-dashboard-page',
  imports: [AppointmentSummary, ChatList, ResponsivenessCard, RouterLink, UnreadBadge],
  templateUrl: './dashboard-page.html',
  styleUrls: ['../../shared/appointments.css', './dashboard-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  private readonly appointmentsApi = inject(AppointmentsApi);
  private readonly garagesApi = inject(GaragesApi);
  protected readonly store = inject(ConversationsStore);
  protected readonly fr = fr;
  protected readonly statuses = APPOINTMENT_STATUSES;
  protected readonly recent = RECENT_CONVERSATIONS;
  /**
   * The sections below the messages show once the conversations are drawn, and stay: on a phone
   * they are below the list, which would push them down as it fills (layout shift).
   */
  protected readonly listShown = linkedSignal<LoadStatus, boolean>({
    source: this.store.status,
    computation: (status, previous) => (previous?.value ?? false) || status !== 'loading',
  });

  protected readonly garageId = inject(Session).user()?.garageId;
  protected readonly garage = loadable(
    () => (this.garageId ? this.garagesApi.get(this.garageId) : of(null)),
    null as GarageView | null,
  );
  protected readonly appointments = appointmentPages();
  protected readonly busyId = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly actionDone = signal<string | null>(null);

  protected changeStatus(appointment: AppointmentView, event: Event): void {
    const select = event.target as HTMLSelectElement;
    const status = select.value as AppointmentStatus;
    this.busyId.set(appointment.id);
    this.actionError.set(null);
    this.actionDone.set(null);
    this.appointmentsApi.updateStatus(appointment.id, status).subscribe({
      next: (updated) => {
        this.busyId.set(null);
        this.actionDone.set(fr.appointments.statusChanged);
        this.appointments.replace(updated);
      },
      error: (error: unknown) => {
        this.busyId.set(null);
        // The select already shows the refused status: put the saved one back.
        select.value = appointment.status;
        this.actionError.set(describeError(error));
      },
    });
  }
}
