import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ReportView } from '@promoto/shared-dto';
import { CreateReportDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { Roles } from '../auth/auth.decorators';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles('client', 'garagiste')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @ApiOperation({
    summary:
      'Report a message the other side wrote (`messageId`) or the whole conversation with it (`userId`), with a reason (and words of one’s own, required with `other`). A side reports a thing once: reporting it again answers the first report',
  })
  @ApiNotFoundResponse({
    description: 'NOT_FOUND: no such message or conversation of mine (or a message of my own side)',
  })
  @ApiView('ReportView')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateReportDto): Promise<ReportView> {
    return this.reports.create(user, body);
  }
}
