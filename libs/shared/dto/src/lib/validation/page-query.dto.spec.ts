import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { ADMIN_LIMITS } from '../contracts/admin';
import { LIMITS } from '../limits';
import { AdminReportsQueryDto, AdminThreadQueryDto } from './admin.dto';
import { AppointmentsQueryDto, GaragesPageQueryDto } from './appointments.dto';
import { ConversationsQueryDto, HistoryQueryDto } from './messages.dto';

const ID = '6b07bd0e44ecb3a1dc99551e';

const messagesOf = (errors: ReturnType<typeof validateSync>) =>
  Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));

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
    expect(messagesOf(refused)).toEqual({
      cursor: ['cursor must be a nextCursor value from a previous page (24 lower-case hexadecimal characters)'],
      limit: [`limit must not be greater than ${max}`],
    });
    const none = validateSync(plainToInstance(type, { limit: '0' }));
    expect(none.map((error) => Object.values(error.constraints ?? {}))).toEqual([['limit must not be less than 1']]);
  });
});

describe('every list query that comes a page at a time (PageQueryDto)', () => {
  const pagedQueries = [
    [AppointmentsQueryDto, LIMITS.appointmentPageMaxSize],
    [AdminThreadQueryDto, LIMITS.historyPageMaxSize],
    [AdminReportsQueryDto, ADMIN_LIMITS.reportPageMaxSize],
    [GaragesPageQueryDto, LIMITS.garagePageMaxSize],
    [ConversationsQueryDto, LIMITS.conversationPageMaxSize],
    [HistoryQueryDto, LIMITS.historyPageMaxSize],
  ] as const;

  it.each(pagedQueries)('%p takes its limit from PageQueryDto: 1 to its own maximum', (type, max) => {
    const declaredBy = getMetadataStorage()
      .getTargetValidationMetadatas(type, '', true, false)
      .filter((rule) => rule.propertyName === 'limit')
      .map((rule) => (rule.target as { name: string }).name);
    expect(new Set(declaredBy)).toEqual(new Set(['PageQuery']));
    const query = plainToInstance(type, { limit: String(max) });
    expect(validateSync(query)).toEqual([]);
    expect(query.limit).toBe(max);
    expect(messagesOf(validateSync(plainToInstance(type, { limit: String(max + 1) })))).toEqual({
      limit: [`limit must not be greater than ${max}`],
    });
    expect(messagesOf(validateSync(plainToInstance(type, { limit: '0' })))).toEqual({
      limit: ['limit must not be less than 1'],
    });
  });

  it('keeps the position fields and messages of the lists paged otherwise', () => {
    const cursorRefused = ['cursor must be a nextCursor value from a previous page'];
    expect(validateSync(plainToInstance(AdminReportsQueryDto, { cursor: `o${ID}` }))).toEqual([]);
    expect(messagesOf(validateSync(plainToInstance(AdminReportsQueryDto, { cursor: ID })))).toEqual({
      cursor: cursorRefused,
    });
    expect(validateSync(plainToInstance(GaragesPageQueryDto, { city: 'Lyon', cursor: 'abc-_1' }))).toEqual([]);
    expect(messagesOf(validateSync(plainToInstance(GaragesPageQueryDto, { cursor: 'a b' })))).toEqual({
      cursor: cursorRefused,
    });
    expect(validateSync(plainToInstance(ConversationsQueryDto, { cursor: ID, folder: 'archived' }))).toEqual([]);
    expect(messagesOf(validateSync(plainToInstance(ConversationsQueryDto, { cursor: ID.toUpperCase() })))).toEqual({
      cursor: cursorRefused,
    });
    expect(validateSync(plainToInstance(HistoryQueryDto, { before: ID, after: ID }))).toEqual([]);
    expect(
      Object.keys(messagesOf(validateSync(plainToInstance(HistoryQueryDto, { before: 'x', after: 'y' })))),
    ).toEqual(['before', 'after']);
  });
});
