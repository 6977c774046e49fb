import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsObjectId } from './ids';
import { ToInt } from './transforms';

/** A class of query fields. */
type Fields<T extends object> = new () => T;

/** No other field: a list's query that takes its page and nothing else. */
class NoFields {}

interface PageQueryOptions<Base extends object> {
  /** The query's other fields (a search's, a list's filters), which the page's extend. */
  base?: Fields<Base>;
  /**
   * `id` (the default): `cursor`, the `nextCursor` of the page before, an id. `own`: the list is
   * paged otherwise (a cursor of another form, or `before` and `after`), which the subclass declares.
   */
  position?: 'id' | 'own';
}

/**
 * The base of a list's query that comes a page at a time: `limit`, from 1 to `maxLimit` (the
 * query string's digits read as a number), on `base`'s fields, and the page's position. The
 * OpenAPI document lists a query's parameters from the subclass down: the position, `limit`, then
 * the other fields.
 */
export function PageQueryDto<Base extends object = NoFields>(
  maxLimit: number,
  options?: PageQueryOptions<Base> & { position?: 'id' },
): new () => Base & { cursor?: string; limit?: number };
export function PageQueryDto<Base extends object = NoFields>(
  maxLimit: number,
  options: PageQueryOptions<Base> & { position: 'own' },
): new () => Base & { limit?: number };
export function PageQueryDto(
  maxLimit: number,
  { base = NoFields, position = 'id' }: PageQueryOptions<object> = {},
): new () => { cursor?: string; limit?: number } {
  class PageQuery extends (base as Fields<Record<never, never>>) {
    @IsOptional()
    @ToInt()
    @IsInt()
    @Min(1)
    @Max(maxLimit)
    limit?: number;
  }
  if (position === 'own') return PageQuery;
  class IdCursorPageQuery extends PageQuery {
    @IsOptional()
    @IsObjectId('a nextCursor value from a previous page')
    cursor?: string;
  }
  return IdCursorPageQuery;
}
