import { Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BlockList, BlockView } from '@promoto/shared-dto';
import { ApiView } from '../app/api-views';
import { Roles } from '../auth/auth.decorators';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { BlocksService } from './blocks.service';

@ApiTags('blocks')
@ApiBearerAuth()
@Controller('blocks')
@Roles('client', 'garagiste')
export class BlocksController {
  constructor(private readonly blocks: BlocksService) {}

  @Get()
  @ApiOperation({
    summary: "The parties my side blocked, the latest first (a garage's members see the garage's blocks)",
  })
  @ApiView('BlockList')
  list(@CurrentUser() user: AuthUser): Promise<BlockList> {
    return this.blocks.list(user);
  }

  @Put(':userId')
  @ApiOperation({
    summary:
      'Block the other side: a client blocks a garage (its id or any member’s), a member blocks a client for the whole garage. While blocked, neither side writes to the other (403 CONTACT_UNAVAILABLE), books or moves a booking with it, nor sees it typing; the history stays readable. Blocking again changes nothing',
  })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: the id names no garage (to a client) or no client (to a member)' })
  @ApiView('BlockView')
  block(@CurrentUser() user: AuthUser, @Param('userId', MongoIdPipe) userId: string): Promise<BlockView> {
    return this.blocks.block(user, userId);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unblock: lifts my side’s block, if any (the other side’s stands)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: the id names no garage (to a client) or no client (to a member)' })
  unblock(@CurrentUser() user: AuthUser, @Param('userId', MongoIdPipe) userId: string): Promise<void> {
    return this.blocks.unblock(user, userId);
  }
}
