import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatEuros, vehicleLabel, type AppointmentView } from '@promoto/shared-dto';
import { formatDateTime } from '../../core/format';
import { fr } from '../../i18n/fr';

/**
 * A booking as both sides show it: a heading of the page's choosing (projected), its status,
 * date and service, the client's vehicle, the amount approved on its quote, and the client's note.
 * Actions stay with the page.
 */
@Component({
  selector: 'app-appointment-summary',
  templateUrl: './appointment-summary.html',
  styleUrl: './appointment-summary.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppointmentSummary {
  protected readonly fr = fr;
  protected readonly vehicleLabel = vehicleLabel;

  readonly appointment = input.required<AppointmentView>();
  protected readonly when = computed(() => formatDateTime(this.appointment().scheduledAt));
  /** What the client approved on the booking's quote, once they answered one. */
  protected readonly approvedAmount = computed(() => {
    const approved = this.appointment().approvedQuote?.approved;
    return approved ? formatEuros(approved.grossCents) : null;
  });
}
