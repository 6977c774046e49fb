import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { REPORT_LIMITS, REPORT_REASONS, type CreateReportRequest, type ReportReason } from '../contracts/reports';
import { IsObjectId } from './ids';
import { Trim } from './transforms';

/** A report: `messageId` or `userId` (the API refuses both with 400); `details` required with `other`. */
export class CreateReportDto implements CreateReportRequest {
  @ValidateIf((report: CreateReportDto) => report.userId === undefined)
  @IsObjectId('a message id')
  messageId?: string;

  @ValidateIf((report: CreateReportDto) => report.messageId === undefined)
  @IsObjectId('a user id')
  userId?: string;

  @IsIn(REPORT_REASONS, { message: `reason must be one of ${REPORT_REASONS.join(', ')}` })
  reason!: ReportReason;

  @ValidateIf((report: CreateReportDto) => report.reason === 'other' || report.details !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'details must say why when the reason is other' })
  @MaxLength(REPORT_LIMITS.detailsMaxLength)
  details?: string;
}
