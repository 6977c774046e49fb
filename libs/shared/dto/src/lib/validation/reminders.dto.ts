import { IsNotEmpty, IsString, MaxLength, ValidateBy } from 'class-validator';
import { REMINDER_LIMITS, type CreateReminderRequest } from '../contracts/reminders';
import { isZonedTimeWithin } from './booking-time';
import { IsObjectId } from './ids';
import { Trim } from './transforms';

export class CreateReminderDto implements CreateReminderRequest {
  @IsObjectId('a vehicle id, as a booking names it')
  vehicleId!: string;

  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'text must not be empty' })
  @MaxLength(REMINDER_LIMITS.textMaxLength)
  text!: string;

  /** Whether it is in the future is the service's check, with the server's clock. */
  @ValidateBy({
    name: 'isReminderTime',
    validator: {
      validate: (value) => isZonedTimeWithin(value, REMINDER_LIMITS.maxDaysAhead),
      defaultMessage: () =>
        `dueAt must be an ISO 8601 date and time with its zone (Z or +hh:mm), at most ${REMINDER_LIMITS.maxDaysAhead} days ahead`,
    },
  })
  dueAt!: string;
}
