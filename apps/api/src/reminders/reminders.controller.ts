import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ReminderView } from '@promoto/shared-dto';
import { CreateReminderDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { Roles } from '../auth/auth.decorators';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('reminders')
@Roles('garagiste')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Post()
  @ApiOperation({
    summary:
      'Schedule a reminder on a vehicle a client booked my garage with (its id as the booking names it; any other vehicle is 404): at dueAt the client gets it as a vehicle-reminder notice in the conversation, then by e-mail and push as any message',
  })
  @ApiConflictResponse({ description: 'CONFLICT: the garage already has the most upcoming reminders it may' })
  @ApiView('ReminderView')
  schedule(@CurrentUser() user: AuthUser, @Body() body: CreateReminderDto): Promise<ReminderView> {
    return this.reminders.schedule(user, body);
  }

  @Get()
  @ApiOperation({ summary: "My garage's reminders still to come, soonest first" })
  @ApiView('ReminderList')
  upcoming(@CurrentUser() user: AuthUser): Promise<ReminderView[]> {
    return this.reminders.upcoming(user);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Cancel one of my garage's reminders still to come" })
  @ApiConflictResponse({ description: 'CONFLICT: the reminder was already sent' })
  cancel(@CurrentUser() user: AuthUser, @Param('id', MongoIdPipe) id: string): Promise<void> {
    return this.reminders.cancel(user, id);
  }
}
