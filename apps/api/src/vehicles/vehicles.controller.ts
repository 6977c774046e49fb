import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { VehicleView } from '@promoto/shared-dto';
import { VehicleDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { Roles } from '../auth/auth.decorators';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { VehiclesService } from './vehicles.service';

@ApiTags('vehicles')
@ApiBearerAuth()
@Controller('vehicles')
@Roles('client')
export class VehiclesController {
  constructor(private readonly vehicles: VehiclesService) {}

  @Get()
  @ApiOperation({ summary: 'My vehicles (clients only), in the order I added them' })
  @ApiView('VehicleList')
  list(@CurrentUser() user: AuthUser): Promise<VehicleView[]> {
    return this.vehicles.listOwnedBy(user.id);
  }

  @Post()
  @ApiOperation({
    summary:
      'Add a vehicle: a French SIV plate in any case, with spaces, dashes or neither (stored as AB-123-CD; no I, O or U, no SS or WW first, no 000), make, model, year, mileage optional',
  })
  @ApiConflictResponse({
    description: 'CONFLICT: that plate is already one of mine, or I keep the most vehicles I may',
  })
  @ApiView('VehicleView')
  create(@CurrentUser() user: AuthUser, @Body() body: VehicleDto): Promise<VehicleView> {
    return this.vehicles.create(user.id, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of my vehicles' })
  @ApiView('VehicleView')
  get(@CurrentUser() user: AuthUser, @Param('id', MongoIdPipe) id: string): Promise<VehicleView> {
    return this.vehicles.get(user.id, id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace one of my vehicles (a mileage left out is cleared); bookings keep what it was' })
  @ApiConflictResponse({ description: 'CONFLICT: another of my vehicles has that plate' })
  @ApiView('VehicleView')
  replace(
    @CurrentUser() user: AuthUser,
    @Param('id', MongoIdPipe) id: string,
    @Body() body: VehicleDto,
  ): Promise<VehicleView> {
    return this.vehicles.replace(user.id, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of my vehicles; bookings made with it keep its plate, make and model' })
  remove(@CurrentUser() user: AuthUser, @Param('id', MongoIdPipe) id: string): Promise<void> {
    return this.vehicles.remove(user.id, id);
  }
}
