import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  ASSIGNMENT_FILTERS,
  CONVERSATION_FOLDERS,
  type AssignConversationRequest,
  type AssignmentFilter,
  type ConversationFolder,
  type ConversationsQuery,
  type EditMessageRequest,
  type HistoryQuery,
  type JoinRoomRequest,
  type MarkReadRequest,
  type SendMessageRequest,
  type TypingRequest,
} from '../contracts/requests';
import { LIMITS } from '../limits';
import { IsClientMessageId, IsObjectId } from './ids';
import { PageQueryDto } from './page-query.dto';
import { Trim } from './transforms';

export class SendMessageDto implements SendMessageRequest {
  @IsObjectId('a user id')
  recipientId!: string;

  @Trim()
  @IsString()
  // A message of photos or documents alone has no text.
  @ValidateIf((request: SendMessageDto) => !request.attachmentIds?.length || request.content !== '')
  @IsNotEmpty({ message: 'content must not be empty' })
  @MaxLength(LIMITS.messageContentMaxLength, {
    message: `content must be at most ${LIMITS.messageContentMaxLength} characters`,
  })
  content!: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'attachmentIds must not be empty when given' })
  @ArrayMaxSize(LIMITS.attachmentsPerMessage, {
    message: `a message carries at most ${LIMITS.attachmentsPerMessage} attachments`,
  })
  @ArrayUnique({ message: 'attachmentIds must not repeat an id' })
  @IsObjectId('a list of attachment ids', { each: true })
  attachmentIds?: string[];

  @IsOptional()
  @IsObjectId('an appointment id')
  appointmentId?: string;

  @IsOptional()
  @IsClientMessageId()
  clientMessageId?: string;

  @IsOptional()
  @IsBoolean()
  note?: boolean;
}

export class EditMessageDto implements EditMessageRequest {
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'content must not be empty' })
  @MaxLength(LIMITS.messageContentMaxLength, {
    message: `content must be at most ${LIMITS.messageContentMaxLength} characters`,
  })
  content!: string;
}

export class MarkReadDto implements MarkReadRequest {
  @IsObjectId('a user id')
  userId!: string;
}

export class HistoryQueryDto
  extends PageQueryDto(LIMITS.historyPageMaxSize, { position: 'own' })
  implements HistoryQuery
{
  @IsOptional()
  @IsObjectId('a message id')
  before?: string;

  @IsOptional()
  @IsObjectId('a message id')
  after?: string;
}

/** A conversation list's filters, under its page. */
class ConversationFilters {
  @IsOptional()
  @IsIn(CONVERSATION_FOLDERS, { message: `folder must be one of: ${CONVERSATION_FOLDERS.join(', ')}` })
  folder?: ConversationFolder;

  @IsOptional()
  @IsIn(ASSIGNMENT_FILTERS, { message: `assigned must be one of: ${ASSIGNMENT_FILTERS.join(', ')}` })
  assigned?: AssignmentFilter;
}

export class ConversationsQueryDto
  extends PageQueryDto(LIMITS.conversationPageMaxSize, { base: ConversationFilters, position: 'own' })
  implements ConversationsQuery
{
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{24}$/, {
    message: 'cursor must be a nextCursor value from a previous page',
  })
  cursor?: string;
}

export class AssignConversationDto implements AssignConversationRequest {
  @IsOptional()
  @IsObjectId('a member id')
  assigneeId?: string | null;
}

export class JoinRoomDto implements JoinRoomRequest {
  @IsOptional()
  @IsObjectId('a user id')
  userId?: string;

  @IsOptional()
  @IsObjectId('a conversation id')
  conversationId?: string;
}

export class TypingDto implements TypingRequest {
  @IsObjectId('a user id')
  recipientId!: string;

  @IsBoolean()
  isTyping!: boolean;

  @IsOptional()
  @IsBoolean()
  note?: boolean;
}
