import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ConversationParticipant } from '@promoto/shared-dto';
import { ApiView } from '../app/api-views';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { ContactsService } from './contacts.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get(':id')
  @ApiOperation({
    summary: "Someone's public profile: any garagiste, or a client you deal with",
  })
  @ApiView('ConversationParticipant')
  profile(@CurrentUser() user: AuthUser, @Param('id', MongoIdPipe) id: string): Promise<ConversationParticipant> {
    return this.contacts.profile(user, id);
  }
}
