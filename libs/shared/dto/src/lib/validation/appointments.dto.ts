import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type {
  AppointmentsQuery,
  CreateAppointmentRequest,
  GaragesPageQuery,
  GaragesQuery,
  RescheduleAppointmentRequest,
  UpdateAppointmentStatusRequest,
} from '../contracts/requests';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../contracts/roles';
import { LIMITS } from '../limits';
import { IsBookingTime } from './booking-time';
import { IsObjectId } from './ids';
import { PageQueryDto } from './page-query.dto';
import { Trim } from './transforms';

export class CreateAppointmentDto implements CreateAppointmentRequest {
  @IsObjectId('a garage id')
  garageId!: string;

  @IsBookingTime()
  scheduledAt!: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.serviceMaxLength)
  service!: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(LIMITS.noteMaxLength)
  note?: string;

  @IsOptional()
  @IsObjectId('one of your vehicle ids')
  vehicleId?: string;
}

export class UpdateAppointmentStatusDto implements UpdateAppointmentStatusRequest {
  @IsIn(APPOINTMENT_STATUSES)
  status!: AppointmentStatus;

  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty: leave it out instead' })
  @MaxLength(LIMITS.bookingReasonMaxLength)
  reason?: string;
}

export class RescheduleAppointmentDto implements RescheduleAppointmentRequest {
  @IsBookingTime()
  scheduledAt!: string;
}

export class AppointmentsQueryDto extends PageQueryDto(LIMITS.appointmentPageMaxSize) implements AppointmentsQuery {}

export class GaragesQueryDto implements GaragesQuery {
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(LIMITS.searchMaxLength)
  city?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(LIMITS.searchMaxLength)
  q?: string;
}

export class GaragesPageQueryDto
  extends PageQueryDto(LIMITS.garagePageMaxSize, { base: GaragesQueryDto, position: 'own' })
  implements GaragesPageQuery
{
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor value from a previous page' })
  @MaxLength(LIMITS.garageCursorMaxLength)
  cursor?: string;
}
