import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { LIMITS } from '../limits';
import { AdminThreadQueryDto } from './admin.dto';
import { AppointmentsQueryDto } from './appointments.dto';

const ID = '6b07bd0e44ecb3a1dc99551e';

describe('list queries paged by an id (PageQueryDto)', () => {
  it.each([
    [AppointmentsQueryDto, LIMITS.appointmentPageMaxSize],
    [AdminThreadQueryDto, LIMITS.historyPageMaxSize],
  ])('%p takes a cursor and a limit from 1 to its own maximum', (type, max) => {
    const query = plainToInstance(type, { cursor: ID, limit: String(max) });
    expect(validateSync(query)).toEqual([]);
    expect(query.limit).toBe(max);
    expect(validateSync(plainToInstance(type, {}))).toEqual([]);

    const refused = validateSync(plainToInstance(type, { cursor: ID.toUpperCase(), limit: String(max + 1) }));
    expect(
      Object.fromEntries(refused.map((error) => [error.property, Object.values(error.constraints ?? {})])),
    ).toEqual({
      cursor: ['cursor must be a nextCursor value from a previous page (24 lower-case hexadecimal characters)'],
      limit: [`limit must not be greater than ${max}`],
    });
    const none = validateSync(plainToInstance(type, { limit: '0' }));
    expect(none.map((error) => Object.values(error.constraints ?? {}))).toEqual([['limit must not be less than 1']]);
  });
});
