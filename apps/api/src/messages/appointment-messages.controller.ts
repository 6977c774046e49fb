import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MessageView, Page } from '@promoto/shared-dto';
import { HistoryQueryDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { MessagesService } from './messages.service';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('appointments')
export class AppointmentMessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get(':id/messages')
  @ApiOperation({
    summary: 'The messages linked to a booking, for its client and its garagiste only',
  })
  @ApiView('MessagePage')
  list(
    @CurrentUser() user: AuthUser,
    @Param('id', MongoIdPipe) id: string,
    @Query() query: HistoryQueryDto,
  ): Promise<Page<MessageView>> {
    return this.messages.forAppointment(user, id, query);
  }
}
