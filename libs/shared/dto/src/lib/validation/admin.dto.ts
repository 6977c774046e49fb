import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  ADMIN_LIMITS,
  type AccountSuspensionRequest,
  type AdminReportsQuery,
  type AdminThreadQuery,
} from '../contracts/admin';
import { LIMITS } from '../limits';
import { PageQueryDto } from './page-query.dto';
import { Trim } from './transforms';

/** Why an admin suspends an account or lifts its suspension: required, kept with the audit. */
export class AccountSuspensionDto implements AccountSuspensionRequest {
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason must say why' })
  @MaxLength(ADMIN_LIMITS.suspensionReasonMaxLength)
  reason!: string;
}

export class AdminReportsQueryDto
  extends PageQueryDto(ADMIN_LIMITS.reportPageMaxSize, { position: 'own' })
  implements AdminReportsQuery
{
  /** `o` (still among the open reports) or `h` (among the handled ones), then a report id. */
  @IsOptional()
  @Matches(/^[oh][0-9a-f]{24}$/, { message: 'cursor must be a nextCursor value from a previous page' })
  cursor?: string;
}

export class AdminThreadQueryDto extends PageQueryDto(LIMITS.historyPageMaxSize) implements AdminThreadQuery {}
