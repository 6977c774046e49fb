import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FreeSlotsView } from '@promoto/shared-dto';
import { FreeSlotsQueryDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { AppointmentsService } from './appointments.service';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('garages/:id/slots')
export class BookingSlotsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Get()
  @ApiOperation({
    summary:
      "A garage's free booking slots (its opening hours cut into slots, after now, none a booking holds), `days` days from `from`",
  })
  @ApiView('FreeSlotsView')
  list(@Param('id', MongoIdPipe) id: string, @Query() query: FreeSlotsQueryDto): Promise<FreeSlotsView> {
    return this.appointments.freeSlots(id, query);
  }
}
