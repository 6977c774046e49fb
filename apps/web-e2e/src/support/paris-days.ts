/**
 * The date `offsetDays` calendar days from today as the browser counts days (its time zone is
 * Europe/Paris), at `utcHour`. Hours 5–20 UTC fall on that same date in Paris whatever the season;
 * days counted on the machine's own clock would be off by one between midnight in Paris and
 * midnight UTC.
 */
export function parisDay(offsetDays: number, utcHour: number): Date {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' })
    .format(new Date())
    .split('-')
    .map(Number);
  return new Date(Date.UTC(year, month - 1, day + offsetDays, utcHour));
}
