import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import {
  EMAIL_DELAY_CHOICES,
  type EmailDelayChoice,
  type UpdateNotificationPreferencesRequest,
} from '../contracts/notifications';

export class UpdateNotificationPreferencesDto implements UpdateNotificationPreferencesRequest {
  @IsOptional()
  @IsBoolean({ message: 'emailEnabled must be true or false' })
  emailEnabled?: boolean;

  /** Null restores the default delay. */
  @IsOptional()
  @IsIn(EMAIL_DELAY_CHOICES, { message: `emailDelaySeconds must be null or one of ${EMAIL_DELAY_CHOICES.join(', ')}` })
  emailDelaySeconds?: EmailDelayChoice | null;
}
