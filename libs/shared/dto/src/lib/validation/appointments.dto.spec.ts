import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateAppointmentDto, RescheduleAppointmentDto } from './appointments.dto';
import { isBookingTime } from './booking-time';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

describe('booking times (CreateAppointmentDto, RescheduleAppointmentDto)', () => {
  it.each([
    inDays(2).toISOString(),
    inDays(2)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    inDays(2).toISOString().slice(0, 16) + 'Z',
    inDays(2).toISOString().replace('Z', '+00:00'),
    `${inDays(300).toISOString().slice(0, 19)}+01:00`,
  ])('accepts %s', (scheduledAt) => {
    expect(validateSync(plainToInstance(RescheduleAppointmentDto, { scheduledAt }))).toEqual([]);
  });

  it.each([
    ['a time without its zone', inDays(2).toISOString().slice(0, 19)],
    ['a date alone', inDays(2).toISOString().slice(0, 10)],
    ['the year 9999', '9999-12-31T23:59:00Z'],
    ['more than a year ahead', inDays(367).toISOString()],
    ['a day that does not exist', '2027-02-30T09:00:00Z'],
    ['a number', 1_800_000_000_000],
  ])('refuses %s', (_what, scheduledAt) => {
    for (const type of [RescheduleAppointmentDto, CreateAppointmentDto]) {
      const errors = validateSync(
        plainToInstance(type, { scheduledAt, garageId: '6b07bd0e44ecb3a1dc99551e', service: 'Vidange' }),
      );
      expect(errors.map((error) => error.property)).toEqual(['scheduledAt']);
      expect(Object.values(errors[0].constraints ?? {})).toEqual([
        'scheduledAt must be an ISO 8601 date and time with its zone (Z or +hh:mm), at most 365 days ahead',
      ]);
    }
  });

  it('counts the year from the moment it is asked', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(isBookingTime('2027-12-01T00:00:00Z', now)).toBe(true);
    expect(isBookingTime('2027-12-01T00:00:01Z', now)).toBe(false);
  });
});
