import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { QUOTE_MONEY_LIMITS } from '../contracts/quote-money';
import {
  QUOTE_LIMITS,
  QUOTE_LINE_KINDS,
  type DecideQuoteRequest,
  type QuoteLineKind,
  type QuoteLineRequest,
  type SendQuoteRequest,
} from '../contracts/quotes';
import { IsClientMessageId, IsObjectId } from './ids';
import { Trim } from './transforms';

export class QuoteLineDto implements QuoteLineRequest {
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'label must not be empty' })
  @MaxLength(QUOTE_LIMITS.labelMaxLength, {
    message: `label must be at most ${QUOTE_LIMITS.labelMaxLength} characters`,
  })
  label!: string;

  @IsIn(QUOTE_LINE_KINDS, { message: `kind must be one of ${QUOTE_LINE_KINDS.join(', ')}` })
  kind!: QuoteLineKind;

  @IsInt({ message: 'quantityHundredths must be a whole number of hundredths' })
  @Min(1, { message: 'quantityHundredths must be at least 1 (0,01)' })
  @Max(QUOTE_MONEY_LIMITS.quantityMaxHundredths, {
    message: `quantityHundredths must be at most ${QUOTE_MONEY_LIMITS.quantityMaxHundredths}`,
  })
  quantityHundredths!: number;

  @IsInt({ message: 'unitPriceCents must be a whole number of cents' })
  @Min(0, { message: 'unitPriceCents must not be negative' })
  @Max(QUOTE_MONEY_LIMITS.unitPriceMaxCents, {
    message: `unitPriceCents must be at most ${QUOTE_MONEY_LIMITS.unitPriceMaxCents}`,
  })
  unitPriceCents!: number;

  @IsOptional()
  @IsInt({ message: 'vatRateBasisPoints must be a whole number of basis points' })
  @Min(0, { message: 'vatRateBasisPoints must not be negative' })
  @Max(QUOTE_MONEY_LIMITS.vatRateMaxBasisPoints, {
    message: `vatRateBasisPoints must be at most ${QUOTE_MONEY_LIMITS.vatRateMaxBasisPoints}`,
  })
  vatRateBasisPoints?: number;
}

export class SendQuoteDto implements SendQuoteRequest {
  @IsObjectId('an appointment id')
  appointmentId!: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'a quote has at least one line' })
  @ArrayMaxSize(QUOTE_LIMITS.linesMax, { message: `a quote has at most ${QUOTE_LIMITS.linesMax} lines` })
  @ValidateNested({ each: true })
  @Type(() => QuoteLineDto)
  lines!: QuoteLineDto[];

  @IsOptional()
  @IsObjectId('a quote id')
  supersedesQuoteId?: string;

  @IsOptional()
  @IsClientMessageId()
  clientMessageId?: string;
}

export class DecideQuoteDto implements DecideQuoteRequest {
  @IsIn(['approved', 'declined'], { message: 'decision must be approved or declined' })
  decision!: 'approved' | 'declined';

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'lineIndexes must not be empty when given' })
  @ArrayMaxSize(QUOTE_LIMITS.linesMax)
  @ArrayUnique({ message: 'lineIndexes must not repeat a line' })
  @IsInt({ each: true, message: 'lineIndexes must be whole numbers' })
  @Min(0, { each: true, message: 'lineIndexes must not be negative' })
  lineIndexes?: number[];
}
