import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GaragePage, GarageView } from '@promoto/shared-dto';
import { GaragesPageQueryDto, GaragesQueryDto } from '@promoto/shared-dto/validation';
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
    summary: 'The first 100 garages, filtered by city (any case, accents aside) and by text in name, city or services',
    description: 'Deprecated since 0.11.0: GET /api/garages/search pages through all of them, with their count.',
    deprecated: true,
  })
  @ApiView('GarageList')
  list(@Query() query: GaragesQueryDto): Promise<GarageView[]> {
    return this.garages.list(query);
  }

  // Before ':id', which would take « search » for an id.
  @Get('search')
  @ApiOperation({
    summary:
      'A page of garages by name, filtered by city (any case, accents aside) and by text in name, city or services, with how many match in all',
  })
  @ApiView('GaragePage')
  page(@Query() query: GaragesPageQueryDto): Promise<GaragePage> {
    return this.garages.page(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One garage' })
  @ApiView('GarageView')
  async get(@Param('id', MongoIdPipe) id: string): Promise<GarageView> {
    return GaragesService.toView(await this.garages.get(id));
  }
}
