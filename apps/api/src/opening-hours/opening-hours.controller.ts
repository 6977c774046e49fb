import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OpeningHoursView } from '@promoto/shared-dto';
import { OpeningHoursDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { Roles } from '../auth/auth.decorators';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { OpeningHoursService } from './opening-hours.service';

@ApiTags('garages')
@ApiBearerAuth()
@Controller('garages/:id/opening-hours')
export class OpeningHoursController {
  constructor(private readonly hours: OpeningHoursService) {}

  @Get()
  @ApiOperation({
    summary:
      "A garage's weekly opening hours and closures (Europe/Paris); Monday to Saturday 8 h–19 h until its owner sets them",
  })
  @ApiView('OpeningHoursView')
  get(@Param('id', MongoIdPipe) id: string): Promise<OpeningHoursView> {
    return this.hours.view(id);
  }

  @Put()
  @Roles('garagiste')
  @ApiOperation({
    summary:
      'An owner of the garage (team role owner) replaces its weekly hours and closures: bookings follow them, and a client writing while it is closed gets one automatic notice per closed period',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not an owner of this garage' })
  @ApiView('OpeningHoursView')
  set(
    @CurrentUser() user: AuthUser,
    @Param('id', MongoIdPipe) id: string,
    @Body() body: OpeningHoursDto,
  ): Promise<OpeningHoursView> {
    return this.hours.set(user, id, body);
  }
}
