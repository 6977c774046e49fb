import {
  IsBoolean,
  IsInt,
  IsMongoId,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type {
  ConversationsQuery,
  EditMessageRequest,
  HistoryQuery,
  JoinRoomRequest,
  MarkReadRequest,
  SendMessageRequest,
  TypingRequest,
} from '../contracts/requests';
import { LIMITS } from '../limits';
import { ToInt, Trim } from './transforms';

export class SendMessageDto implements SendMessageRequest {
  @IsMongoId({
    message: 'recipientId must be a user id (24 hexadecimal characters)',
  })
  recipientId!: string;

  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'content must not be empty' })
  @MaxLength(LIMITS.messageContentMaxLength, {
    message: `content must be at most ${LIMITS.messageContentMaxLength} characters`,
  })
  content!: string;

  @IsOptional()
  @IsMongoId({
    message: 'appointmentId must be an appointment id (24 hexadecimal characters)',
  })
  appointmentId?: string;

  @IsOptional()
  @IsString()
  @Matches(new RegExp(`^[A-Za-z0-9_-]{1,${LIMITS.clientMessageIdMaxLength}}$`), {
    message: `clientMessageId must be 1 to ${LIMITS.clientMessageIdMaxLength} letters, digits, "_" or "-"`,
  })
  clientMessageId?: string;
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
  @IsMongoId({
    message: 'userId must be a user id (24 hexadecimal characters)',
  })
  userId!: string;
}

export class HistoryQueryDto implements HistoryQuery {
  @IsOptional()
  @IsMongoId({ message: 'before must be a message id' })
  before?: string;

  @IsOptional()
  @IsMongoId({ message: 'after must be a message id' })
  after?: string;

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(LIMITS.historyPageMaxSize)
  limit?: number;
}

export class ConversationsQueryDto implements ConversationsQuery {
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,15}_[0-9a-f]{24}$/, {
    message: 'cursor must be a nextCursor value from a previous page',
  })
  cursor?: string;

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(LIMITS.conversationPageMaxSize)
  limit?: number;
}

export class JoinRoomDto implements JoinRoomRequest {
  @IsOptional()
  @IsMongoId({
    message: 'userId must be a user id (24 hexadecimal characters)',
  })
  userId?: string;

  @IsOptional()
  @IsMongoId({
    message: 'conversationId must be a conversation id (24 hexadecimal characters)',
  })
  conversationId?: string;
}

export class TypingDto implements TypingRequest {
  @IsMongoId({
    message: 'recipientId must be a user id (24 hexadecimal characters)',
  })
  recipientId!: string;

  @IsBoolean()
  isTyping!: boolean;
}
