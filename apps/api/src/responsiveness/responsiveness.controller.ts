import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GarageResponsivenessView } from '@promoto/shared-dto';
import { ApiView } from '../app/api-views';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { ResponsivenessService } from './responsiveness.service';

@ApiTags('garages')
@ApiBearerAuth()
@Controller('garages')
export class ResponsivenessController {
  constructor(private readonly responsiveness: ResponsivenessService) {}

  @Get(':id/responsiveness')
  @ApiOperation({
    summary:
      'How fast the garage answers: median time to the first reply and share answered within 24 h, last 30 days and the 30 before',
  })
  @ApiView('GarageResponsivenessView')
  forGarage(@Param('id', MongoIdPipe) id: string): Promise<GarageResponsivenessView> {
    return this.responsiveness.forGarage(id);
  }
}
