import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { fr } from '../../i18n/fr';
import { appointmentPages } from '../../shared/appointment-pages';
import { AppointmentSummary } from '../../shared/appointment-summary/appointment-summary';
import { BookingActions } from '../../shared/booking-actions/booking-actions';

/** "Mes rendez-vous": the client's bookings, live, each with "Contacter le garagiste", « Déplacer » and « Annuler… ». */
@Component({
  selector: 'app-appointments-page',
  imports: [AppointmentSummary, BookingActions, RouterLink],
  templateUrl: './appointments-page.html',
  styleUrl: '../../shared/appointments.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppointmentsPage {
  protected readonly fr = fr;
  protected readonly appointments = appointmentPages();
}
