import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { QuickRepliesView, QuickReplyView } from '@promoto/shared-dto';
import { CreateQuickReplyDto, ReorderQuickRepliesDto, UpdateQuickReplyDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { Roles } from '../auth/auth.decorators';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { QuickRepliesService } from './quick-replies.service';

@ApiTags('quick-replies')
@ApiBearerAuth()
@Controller('quick-replies')
@Roles('garagiste')
export class QuickRepliesController {
  constructor(private readonly quickReplies: QuickRepliesService) {}

  @Get()
  @ApiOperation({
    summary: "My garage's saved replies in order, with the garage's name (a garage starts with a few French defaults)",
  })
  @ApiView('QuickRepliesView')
  list(@CurrentUser() user: AuthUser): Promise<QuickRepliesView> {
    return this.quickReplies.list(user);
  }

  @Post()
  @ApiOperation({
    summary: 'Save a reply, last in the order; placeholders {client}, {garage}, {rdv.date}, {rdv.service}',
  })
  @ApiConflictResponse({ description: 'CONFLICT: the garage already keeps the most quick replies it may' })
  @ApiView('QuickReplyView')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateQuickReplyDto): Promise<QuickReplyView> {
    return this.quickReplies.create(user, body);
  }

  @Put('order')
  @ApiOperation({ summary: "Reorder: every reply's id once, in the new order" })
  @ApiView('QuickReplyList')
  reorder(@CurrentUser() user: AuthUser, @Body() body: ReorderQuickRepliesDto): Promise<QuickReplyView[]> {
    return this.quickReplies.reorder(user, body.ids);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a reply's title or text" })
  @ApiView('QuickReplyView')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', MongoIdPipe) id: string,
    @Body() body: UpdateQuickReplyDto,
  ): Promise<QuickReplyView> {
    return this.quickReplies.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a reply' })
  remove(@CurrentUser() user: AuthUser, @Param('id', MongoIdPipe) id: string): Promise<void> {
    return this.quickReplies.remove(user, id);
  }
}
