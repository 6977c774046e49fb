import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  WEEKDAYS,
  type Closure,
  type FreeSlotsQuery,
  type OpeningHoursRequest,
  type OpeningPeriod,
  type Weekday,
} from '../contracts/opening-hours';
import { LIMITS } from '../limits';
import { ToInt, Trim } from './transforms';

/** `HH:MM` from 00:00 to 24:00 (midnight at the end of the day). */
const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
/** `YYYY-MM-DD`; whether the day exists is checked where it is read. */
const DAY = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

export class OpeningPeriodDto implements OpeningPeriod {
  @IsIn(WEEKDAYS, { message: 'day must be 1 (Monday) to 7 (Sunday)' })
  day!: Weekday;

  @Matches(TIME_OF_DAY, { message: 'opens must be a time of day written HH:MM' })
  opens!: string;

  @Matches(TIME_OF_DAY, { message: 'closes must be a time of day written HH:MM' })
  closes!: string;
}

export class ClosureDto implements Closure {
  @Matches(DAY, { message: 'from must be a day written YYYY-MM-DD' })
  from!: string;

  @Matches(DAY, { message: 'to must be a day written YYYY-MM-DD' })
  to!: string;

  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.closureLabelMaxLength)
  label?: string;
}

/** The rules between fields (a period ends after it starts, periods do not overlap) are the API's. */
export class OpeningHoursDto implements OpeningHoursRequest {
  @IsArray()
  @ArrayMaxSize(LIMITS.openingPeriodsMax)
  @ValidateNested({ each: true })
  @Type(() => OpeningPeriodDto)
  weekly!: OpeningPeriodDto[];

  @IsArray()
  @ArrayMaxSize(LIMITS.closuresMax)
  @ValidateNested({ each: true })
  @Type(() => ClosureDto)
  closures!: ClosureDto[];
}

export class FreeSlotsQueryDto implements FreeSlotsQuery {
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day written YYYY-MM-DD' })
  from?: string;

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(LIMITS.slotQueryMaxDays)
  days?: number;
}
