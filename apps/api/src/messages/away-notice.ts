import { frenchDay, frenchTimeAt, frenchWeekday } from '../common/french-dates';
import { addDays, wallClockAt } from '../opening-hours/garage-clock';

/**
 * The garage's automatic answer to a client writing at `writtenAt` while it is closed: « Le garage
 * est fermé ; nous vous répondons dès lundi 8 h » (« aujourd’hui », « demain », a weekday within the
 * week, else the date), on the garage's clock.
 */
export function awayNoticeText(reopensAt: Date | null, writtenAt: Date): string {
  if (!reopensAt) return 'Le garage est fermé pour le moment ; nous vous répondrons dès sa réouverture.';
  const today = wallClockAt(writtenAt).day;
  const day = wallClockAt(reopensAt).day;
  const time = frenchTimeAt(reopensAt);
  let when: string;
  if (day === today) when = `aujourd’hui ${time}`;
  else if (day === addDays(today, 1)) when = `demain ${time}`;
  else if (day < addDays(today, 7)) when = `${frenchWeekday(reopensAt)} ${time}`;
  else when = `le ${frenchDay(reopensAt)} à ${time}`;
  return `Le garage est fermé ; nous vous répondons dès ${when}.`;
}
