import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { AppointmentView, Page } from '@promoto/shared-dto';
import {
  AppointmentsQueryDto,
  CreateAppointmentDto,
  RescheduleAppointmentDto,
  UpdateAppointmentStatusDto,
} from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { Roles } from '../auth/auth.decorators';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { AppointmentsService } from './appointments.service';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Post()
  @Roles('client')
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many bookings this hour' })
  @ApiBadRequestResponse({ description: 'OUTSIDE_OPENING_HOURS: not one of the garage’s slots (the reason in French)' })
  @ApiConflictResponse({
    description: 'SLOT_TAKEN: another booking holds that slot; DUPLICATE_BOOKING: the same client already booked it',
  })
  @ApiOperation({
    summary:
      'Book a garage (clients only) at one of its free slots (GET /api/garages/:id/slots), in the future. Writes a booking-event message into the conversation with the garagiste',
  })
  @ApiView('AppointmentView')
  book(@CurrentUser() user: AuthUser, @Body() body: CreateAppointmentDto): Promise<AppointmentView> {
    return this.appointments.book(user, body);
  }

  @Get()
  @ApiOperation({
    summary: "My bookings (client) or my garage's bookings (garagiste), newest booking first; cursor-paged",
  })
  @ApiView('AppointmentPage')
  list(@CurrentUser() user: AuthUser, @Query() query: AppointmentsQueryDto): Promise<Page<AppointmentView>> {
    return this.appointments.listFor(user, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One booking, for its client and its garagiste only',
  })
  @ApiView('AppointmentView')
  async get(@CurrentUser() user: AuthUser, @Param('id', MongoIdPipe) id: string): Promise<AppointmentView> {
    return AppointmentsService.toView(await this.appointments.getVisible(id, user));
  }

  @Patch(':id/status')
  @ApiTooManyRequestsResponse({
    description: 'RATE_LIMITED: too many changes to this booking, or to this garage’s bookings, this hour',
  })
  @ApiOperation({
    summary:
      'Change the status: the garagiste sets any status, the client may only cancel. Confirming, cancelling and completing write a booking-event message into the conversation, with the reason when one is given; cancelling frees the slot',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: a client sets another status than cancelled' })
  @ApiView('AppointmentView')
  changeStatus(
    @CurrentUser() user: AuthUser,
    @Param('id', MongoIdPipe) id: string,
    @Body() body: UpdateAppointmentStatusDto,
  ): Promise<AppointmentView> {
    return this.appointments.changeStatus(id, user, body.status, body.reason);
  }

  @Patch(':id/schedule')
  @ApiTooManyRequestsResponse({
    description: 'RATE_LIMITED: too many changes to this booking, or to this garage’s bookings, this hour',
  })
  @ApiBadRequestResponse({ description: 'OUTSIDE_OPENING_HOURS: not one of the garage’s slots (the reason in French)' })
  @ApiConflictResponse({ description: 'SLOT_TAKEN or DUPLICATE_BOOKING: another booking holds that slot' })
  @ApiOperation({
    summary:
      'Move a pending or confirmed booking to another free slot of the garage, in the future (its garagiste, or its client: a confirmed booking then waits for confirmation again); writes a booking-event message into the conversation',
  })
  @ApiView('AppointmentView')
  reschedule(
    @CurrentUser() user: AuthUser,
    @Param('id', MongoIdPipe) id: string,
    @Body() body: RescheduleAppointmentDto,
  ): Promise<AppointmentView> {
    return this.appointments.reschedule(id, user, new Date(body.scheduledAt));
  }
}
