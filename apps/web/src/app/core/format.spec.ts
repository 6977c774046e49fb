import { formatRelative } from './format';

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
