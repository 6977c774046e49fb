import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsObjectId } from './ids';
import { ToInt } from './transforms';

/**
 * The base of a list's query whose pages follow an id: `cursor`, the `nextCursor` of the page
 * before, and `limit`, from 1 to `maxLimit` (the query string's digits read as a number).
 */
export function PageQueryDto(maxLimit: number) {
  class PageQuery {
    @IsOptional()
    @IsObjectId('a nextCursor value from a previous page')
    cursor?: string;

    @IsOptional()
    @ToInt()
    @IsInt()
    @Min(1)
    @Max(maxLimit)
    limit?: number;
  }
  return PageQuery;
}
