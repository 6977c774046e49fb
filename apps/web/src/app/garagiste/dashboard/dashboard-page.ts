import { ChangeDetectionStrategy, Component, inject, linkedSignal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { GarageView } from '@promoto/shared-dto';
import { of } from 'rxjs';
import { ChatList } from '../../chat/chat-list/chat-list';
import { ConversationsStore } from '../../chat/conversations.store';
import { GaragesApi } from '../../core/api/garages-api';
import { Session } from '../../core/auth/session';
import { loadable, type LoadStatus } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { appointmentPages } from '../../shared/appointment-pages';
import { AppointmentSummary } from '../../shared/appointment-summary/appointment-summary';
import { BookingActions } from '../../shared/booking-actions/booking-actions';
import { UnreadBadge } from '../../shared/unread-badge/unread-badge';
import { ResponsivenessCard } from './responsiveness-card/responsiveness-card';

/** How many recent conversations the "Messages Clients" section shows. */
const RECENT_CONVERSATIONS = 5;

/** The garagiste's dashboard: recent client messages, how fast the garage answers, and its bookings. */
@Component({
  selector: 'app-dashboard-page',
  imports: [AppointmentSummary, BookingActions, ChatList, ResponsivenessCard, RouterLink, UnreadBadge],
  templateUrl: './dashboard-page.html',
  styleUrls: ['../../shared/appointments.css', './dashboard-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  private readonly garagesApi = inject(GaragesApi);
  protected readonly store = inject(ConversationsStore);
  protected readonly fr = fr;
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
  /** The garage's bookings, following the booking events live. */
  protected readonly appointments = appointmentPages();
}
