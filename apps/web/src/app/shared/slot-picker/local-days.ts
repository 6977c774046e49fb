import { formatWeekdayDate } from '../../core/format';

/** The local calendar day of an instant, `YYYY-MM-DD` (what a date field holds). */
export function localDay(instant: number): string {
  const date = new Date(instant);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** « lundi 7 décembre » for `YYYY-MM-DD`. */
export function dayLabel(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return formatWeekdayDate(new Date(year, month - 1, date, 12));
}
