import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GarageView } from '@promoto/shared-dto';
import { GaragesQueryDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { GaragesService } from './garages.service';

@ApiTags('garages')
@ApiBearerAuth()
@Controller('garages')
export class GaragesController {
  constructor(private readonly garages: GaragesService) {}

  @Get()
  @ApiOperation({
    summary: 'Garages, filtered by city (exact, any case) and by text in name, city or services',
  })
  @ApiView('GarageList')
  list(@Query() query: GaragesQueryDto): Promise<GarageView[]> {
    return this.garages.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One garage' })
  @ApiView('GarageView')
  async get(@Param('id', MongoIdPipe) id: string): Promise<GarageView> {
    return GaragesService.toView(await this.garages.get(id));
  }
}
