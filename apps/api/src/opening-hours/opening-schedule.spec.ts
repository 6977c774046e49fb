import {
  DEFAULT_SCHEDULE,
  freeSlots,
  isOpenAt,
  nextOpening,
  openMsBetween,
  scheduleProblems,
  slotRefusal,
  slotsOn,
  type Schedule,
} from './opening-schedule';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const times = (dates: Date[]) => dates.map((date) => date.toISOString());

/** Monday to Friday 8 h–12 h and 14 h–18 h, Saturday morning; closed from 24 to 26 December. */
const SPLIT: Schedule = {
  weekly: [
    ...([1, 2, 3, 4, 5] as const).flatMap((day) => [
      { day, opens: '08:00', closes: '12:00' },
      { day, opens: '14:00', closes: '18:00' },
    ]),
    { day: 6, opens: '09:00', closes: '12:00' },
  ],
  closures: [{ from: '2026-12-24', to: '2026-12-26', label: 'Fêtes' }],
};

describe('slots from opening hours', () => {
  it('offers 8 h to 19 h, Monday to Saturday, when the garage set no hours (Paris time, winter)', () => {
    const monday = slotsOn(DEFAULT_SCHEDULE, '2026-12-07', 60);
    expect(monday).toHaveLength(11);
    expect(monday[0].toISOString()).toBe('2026-12-07T07:00:00.000Z');
    expect(monday.at(-1)?.toISOString()).toBe('2026-12-07T17:00:00.000Z');
    expect(slotsOn(DEFAULT_SCHEDULE, '2026-12-06', 60)).toEqual([]);
  });

  it('follows summer time', () => {
    expect(slotsOn(DEFAULT_SCHEDULE, '2027-07-05', 60)[0].toISOString()).toBe('2027-07-05T06:00:00.000Z');
    // The Monday after the change of time (Sunday 28 March 2027).
    expect(slotsOn(DEFAULT_SCHEDULE, '2027-03-29', 60)[0].toISOString()).toBe('2027-03-29T06:00:00.000Z');
  });

  it('cuts each period into whole slots from its opening, none across the lunch break or a closure', () => {
    expect(times(slotsOn(SPLIT, '2026-12-08', 60)).map((iso) => iso.slice(11, 16))).toEqual([
      '07:00',
      '08:00',
      '09:00',
      '10:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    const halfHour: Schedule = { weekly: [{ day: 2, opens: '08:30', closes: '10:00' }], closures: [] };
    expect(times(slotsOn(halfHour, '2026-12-08', 60))).toEqual(['2026-12-08T07:30:00.000Z']);
    expect(slotsOn(SPLIT, '2026-12-24', 60)).toEqual([]);
  });

  it('lists the free slots after now, leaving out the taken ones', () => {
    const now = at('2026-12-05T08:30:00Z'); // Saturday 9 h 30
    const taken = new Set([at('2026-12-07T07:00:00Z').getTime()]);
    const free = times(freeSlots(SPLIT, { from: '2026-12-05', days: 3 }, 60, now, taken));
    expect(free).toEqual([
      '2026-12-05T09:00:00.000Z', // Saturday 10 h (9 h has begun)
      '2026-12-05T10:00:00.000Z',
      // Sunday closed; Monday 8 h taken
      '2026-12-07T08:00:00.000Z',
      '2026-12-07T09:00:00.000Z',
      '2026-12-07T10:00:00.000Z',
      '2026-12-07T13:00:00.000Z',
      '2026-12-07T14:00:00.000Z',
      '2026-12-07T15:00:00.000Z',
      '2026-12-07T16:00:00.000Z',
    ]);
  });
});

describe('a booking time', () => {
  it('is accepted at the start of a slot', () => {
    expect(slotRefusal(DEFAULT_SCHEDULE, at('2026-12-07T08:00:00Z'), 60)).toBeNull();
  });

  it('is refused on Sunday at 3 h, with the reason in French', () => {
    expect(slotRefusal(DEFAULT_SCHEDULE, at('2026-12-06T02:00:00Z'), 60)).toBe(
      'Le garage est fermé le dimanche : choisissez un autre jour.',
    );
  });

  it('is refused outside the hours of an open day, and between two slots', () => {
    const refusal =
      'Le mardi, le garage reçoit de 8 h à 12 h et de 14 h à 18 h, par créneaux de 1 h : choisissez un des créneaux proposés.';
    expect(slotRefusal(SPLIT, at('2026-12-08T05:00:00Z'), 60)).toBe(refusal);
    expect(slotRefusal(SPLIT, at('2026-12-08T11:30:00Z'), 60)).toBe(refusal);
    expect(slotRefusal(SPLIT, at('2026-12-08T07:30:00Z'), 60)).toBe(refusal);
  });

  it('is refused on a closure, naming it', () => {
    expect(slotRefusal(SPLIT, at('2026-12-24T08:00:00Z'), 60)).toBe(
      'Le garage est fermé le jeudi 24 décembre (Fêtes) : choisissez un autre jour.',
    );
  });
});

describe('open and closed periods', () => {
  it('knows when the garage is open', () => {
    expect(isOpenAt(SPLIT, at('2026-12-07T07:00:00Z'))).toBe(true);
    expect(isOpenAt(SPLIT, at('2026-12-07T11:00:00Z'))).toBe(false); // 12 h: lunch
    expect(isOpenAt(SPLIT, at('2026-12-07T17:00:00Z'))).toBe(false); // 18 h: closed
  });

  it('finds the next opening: after lunch, after the weekend, after a closure', () => {
    expect(nextOpening(SPLIT, at('2026-12-07T11:30:00Z'))?.toISOString()).toBe('2026-12-07T13:00:00.000Z');
    expect(nextOpening(SPLIT, at('2026-12-05T19:00:00Z'))?.toISOString()).toBe('2026-12-07T07:00:00.000Z');
    expect(nextOpening(SPLIT, at('2026-12-23T18:00:00Z'))?.toISOString()).toBe('2026-12-28T07:00:00.000Z');
    expect(nextOpening(SPLIT, at('2026-12-07T08:15:00Z'))?.toISOString()).toBe('2026-12-07T08:15:00.000Z');
  });

  it('counts only the open time between two moments', () => {
    // Friday 17 h to Monday 9 h: one hour on Friday, Saturday's three, one on Monday.
    expect(openMsBetween(SPLIT, at('2026-12-04T16:00:00Z'), at('2026-12-07T08:00:00Z'))).toBe(5 * HOUR);
    expect(openMsBetween(SPLIT, at('2026-12-07T11:30:00Z'), at('2026-12-07T13:30:00Z'))).toBe(HOUR / 2);
    expect(openMsBetween(SPLIT, at('2026-12-07T09:00:00Z'), at('2026-12-07T09:00:00Z'))).toBe(0);
  });
});

describe('hours as an owner writes them', () => {
  it('hold when each period ends after it starts and none overlap', () => {
    expect(scheduleProblems({ weekly: [...SPLIT.weekly], closures: [...SPLIT.closures] })).toEqual([]);
  });

  it('say in French what is wrong', () => {
    expect(
      scheduleProblems({
        weekly: [
          { day: 1, opens: '14:00', closes: '12:00' },
          { day: 2, opens: '08:00', closes: '12:00' },
          { day: 2, opens: '11:00', closes: '18:00' },
        ],
        closures: [
          { from: '2026-02-30', to: '2026-03-01' },
          { from: '2026-12-26', to: '2026-12-24' },
        ],
      }),
    ).toEqual([
      'Le lundi, la plage de 14:00 doit se terminer après son ouverture.',
      'Le mardi, les plages 08:00–12:00 et 11:00–18:00 se chevauchent.',
      'La fermeture du 2026-02-30 au 2026-03-01 n’a pas de date valide.',
      'La fermeture du 2026-12-26 doit se terminer le même jour ou après.',
    ]);
    expect(scheduleProblems({ weekly: [], closures: [] })).toEqual([
      'Indiquez au moins une plage d’ouverture dans la semaine.',
    ]);
  });
});
