import { vehicleLabel, type BookingEventAction, type BookingVehicle } from '@promoto/shared-dto';
import { frenchDay, frenchTimeAt } from '../common/french-dates';

const TITLES: Record<BookingEventAction, string> = {
  created: 'Rendez-vous demandé',
  confirmed: 'Rendez-vous confirmé',
  moved: 'Rendez-vous déplacé',
  cancelled: 'Rendez-vous annulé',
  completed: 'Rendez-vous terminé',
};

/**
 * The text of a booking's notice, stored as the message's content so that previews, e-mails and
 * clients that only read text say it too: « Rendez-vous confirmé — lundi 30 novembre à 9 h, Distribution »,
 * then « (Renault Clio · AB-123-CD) » when the booking is for one of the client's vehicles, and « . Motif : … »
 * when the change came with a reason. Bookings are made in France: the time is
 * the garage's clock's.
 */
export function bookingNoticeText(
  action: BookingEventAction,
  scheduledAt: Date,
  service: string,
  reason?: string,
  vehicle?: BookingVehicle,
): string {
  const booked = `${TITLES[action]} — ${frenchDay(scheduledAt)} à ${frenchTimeAt(scheduledAt)}, ${service}`;
  const notice = vehicle ? `${booked} (${vehicleLabel(vehicle)})` : booked;
  return reason ? `${notice}. Motif : ${reason}` : notice;
}
