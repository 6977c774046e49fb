import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { ConversationView, MarkReadResponse, MessageView, Page, UnreadCountView } from '@promoto/shared-dto';
import {
  AssignConversationDto,
  ConversationsQueryDto,
  EditMessageDto,
  HistoryQueryDto,
  MarkReadDto,
  SendMessageDto,
} from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { Roles } from '../auth/auth.decorators';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { MessagesService } from './messages.service';
import { SendPipeline } from './send-pipeline';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(
    private readonly pipeline: SendPipeline,
    private readonly messages: MessagesService,
  ) {}

  @Post()
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: you are sending too fast' })
  @ApiOperation({
    summary:
      'Send a message (stored, then delivered live as new-message); a retry with the same clientMessageId is stored once',
  })
  @ApiForbiddenResponse({
    description: 'FORBIDDEN: to yourself, to someone you may not write to, or about a booking not between you',
  })
  @ApiView('MessageView')
  send(@CurrentUser() user: AuthUser, @Body() body: SendMessageDto): Promise<MessageView> {
    return this.pipeline.send(user, body);
  }

  @Patch(':id')
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: you are sending too fast' })
  @ApiConflictResponse({ description: 'EDIT_WINDOW_PASSED: the message is older than 15 minutes' })
  @ApiOperation({
    summary:
      'Edit one of my messages within 15 minutes of sending it; both people receive message-updated (409 EDIT_WINDOW_PASSED after that)',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: someone else’s message, or a deleted one' })
  @ApiView('MessageView')
  edit(
    @CurrentUser() user: AuthUser,
    @Param('id', MongoIdPipe) id: string,
    @Body() body: EditMessageDto,
  ): Promise<MessageView> {
    return this.pipeline.edit(user, id, body.content);
  }

  @Delete(':id')
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: you are sending too fast' })
  @ApiOperation({
    summary: 'Delete one of my messages: it stays in place with no content; both people receive message-updated',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: someone else’s message' })
  @ApiView('MessageView')
  delete(@CurrentUser() user: AuthUser, @Param('id', MongoIdPipe) id: string): Promise<MessageView> {
    return this.pipeline.delete(user, id);
  }

  @Get('conversations')
  @ApiOperation({
    summary:
      'My conversations in a folder (the inbox by default, or folder=archived), newest first, with my unread count in each; cursor-paged',
  })
  @ApiForbiddenResponse({ description: "FORBIDDEN: only a garage's members filter by assignee (assigned)" })
  @ApiView('ConversationPage')
  conversations(@CurrentUser() user: AuthUser, @Query() query: ConversationsQueryDto): Promise<Page<ConversationView>> {
    return this.messages.listConversations(user, query);
  }

  @Get('conversation/:userId')
  @ApiOperation({
    summary:
      'My messages with that user in chronological order: the newest page, the page before `before`, or what came `after`',
  })
  @ApiView('MessagePage')
  history(
    @CurrentUser() user: AuthUser,
    @Param('userId', MongoIdPipe) userId: string,
    @Query() query: HistoryQueryDto,
  ): Promise<Page<MessageView>> {
    return this.messages.history(user, userId, query);
  }

  @Put('conversation/:userId/archive')
  @Roles('garagiste')
  @ApiOperation({
    summary:
      'Garagiste: archive my conversation with that user (idempotent); a new message brings it back to my inbox. My other tabs receive conversation-updated',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: clients do not archive conversations' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: you have no conversation with this user' })
  @ApiView('ConversationView')
  archive(@CurrentUser() user: AuthUser, @Param('userId', MongoIdPipe) userId: string): Promise<ConversationView> {
    return this.messages.setArchived(user, userId, true);
  }

  @Delete('conversation/:userId/archive')
  @Roles('garagiste')
  @ApiOperation({
    summary:
      'Garagiste: put my conversation with that user back in my inbox (idempotent). My other tabs receive conversation-updated',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: clients do not archive conversations' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: you have no conversation with this user' })
  @ApiView('ConversationView')
  unarchive(@CurrentUser() user: AuthUser, @Param('userId', MongoIdPipe) userId: string): Promise<ConversationView> {
    return this.messages.setArchived(user, userId, false);
  }

  @Put('conversation/:userId/assignee')
  @Roles('garagiste')
  @ApiOperation({
    summary:
      "Garage's member: assign my garage's conversation with that client to a member of my garage (assigneeId), or to nobody (null or absent). Every member's tabs receive conversation-updated; unread e-mails and pushes then go to the assignee alone",
  })
  @ApiForbiddenResponse({ description: "FORBIDDEN: only a garage's members assign conversations" })
  @ApiNotFoundResponse({
    description: 'NOT_FOUND: no conversation with this client, or no member of your garage has this id',
  })
  @ApiView('ConversationView')
  assign(
    @CurrentUser() user: AuthUser,
    @Param('userId', MongoIdPipe) userId: string,
    @Body() body: AssignConversationDto,
  ): Promise<ConversationView> {
    return this.messages.assign(user, userId, body.assigneeId ?? null);
  }

  @Put('read')
  @ApiOperation({
    summary: 'Mark as read everything that user sent me; they receive messages-read',
  })
  @ApiView('MarkReadResponse')
  markRead(@CurrentUser() user: AuthUser, @Body() body: MarkReadDto): Promise<MarkReadResponse> {
    return this.messages.markRead(user, body.userId);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'My unread total over all conversations' })
  @ApiView('UnreadCountView')
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountView> {
    return { total: await this.messages.unreadTotal(user) };
  }
}
