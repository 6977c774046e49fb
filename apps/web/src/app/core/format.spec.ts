import {
  formatDateTime,
  formatDay,
  formatRelative,
  formatShortDateTime,
  formatTime,
  formatWeekdayDate,
} from './format';

/** fr-FR's Intl.DateTimeFormat, which the hand-written formats must match. */
const intl = (options: Intl.DateTimeFormatOptions) => (date: Date) =>
  new Intl.DateTimeFormat('fr-FR', options).format(date);

/** Every month and weekday, single- and double-digit days and hours, midnight and a minute to it. */
const DATES = Array.from({ length: 12 }, (_, month) => [
  new Date(2030, month, 1, 0, 0),
  new Date(2031, month, 7 + month, 9, 5),
  new Date(2030, month, 28, 23, 59),
]).flat();

describe('dates and times', () => {
  it('are written as fr-FR Intl.DateTimeFormat writes them', () => {
    for (const date of DATES) {
      const iso = date.toISOString();
      expect(formatTime(iso)).toBe(intl({ timeStyle: 'short' })(date));
      expect(formatShortDateTime(iso)).toBe(intl({ dateStyle: 'short', timeStyle: 'short' })(date));
      expect(formatDateTime(iso)).toBe(intl({ dateStyle: 'full', timeStyle: 'short' })(date));
      expect(formatWeekdayDate(date)).toBe(intl({ weekday: 'long', day: 'numeric', month: 'long' })(date));
      expect(formatRelative(iso, date.getTime() + 30 * 24 * 3_600_000)).toBe(
        intl({ day: 'numeric', month: 'short' })(date),
      );
      expect(formatDay(iso, new Date(2032, 0, 1).getTime())).toBe(
        intl({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })(date),
      );
    }
  });

  it('name the day of the thread: today, yesterday, then the date', () => {
    const now = new Date(2030, 2, 12, 12, 0).getTime();
    expect(formatDay(new Date(2030, 2, 12, 8, 0).toISOString(), now)).toBe("Aujourd'hui");
    expect(formatDay(new Date(2030, 2, 11, 23, 0).toISOString(), now)).toBe('Hier');
    expect(formatDay(new Date(2030, 2, 4, 9, 0).toISOString(), now)).toBe('lundi 4 mars');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2030-03-12T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const MINUTE = 60_000;

  it('says how long ago in French, as Intl.RelativeTimeFormat (short, numeric auto) says it', () => {
    expect(formatRelative(ago(20_000), now)).toBe("à l'instant");
    expect(formatRelative(ago(5 * MINUTE), now)).toBe('il y a 5 min');
    expect(formatRelative(ago(3 * 60 * MINUTE), now)).toBe('il y a 3 h');
    expect(formatRelative(ago(25 * 60 * MINUTE), now)).toBe('hier');
    expect(formatRelative(ago(2 * 24 * 60 * MINUTE), now)).toBe('avant-hier');
    expect(formatRelative(ago(6 * 24 * 60 * MINUTE), now)).toBe('il y a 6 j');
  });

  it('gives the date after a week', () => {
    expect(formatRelative(ago(8 * 24 * 60 * MINUTE), now).replace(/\s/g, ' ')).toBe('4 mars');
  });
});
