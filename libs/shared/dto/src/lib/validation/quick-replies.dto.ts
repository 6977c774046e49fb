import { ArrayMaxSize, ArrayUnique, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  QUICK_REPLY_LIMITS,
  type CreateQuickReplyRequest,
  type ReorderQuickRepliesRequest,
  type UpdateQuickReplyRequest,
} from '../contracts/quick-replies';
import { IsObjectId } from './ids';
import { Trim } from './transforms';

export class CreateQuickReplyDto implements CreateQuickReplyRequest {
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(QUICK_REPLY_LIMITS.titleMaxLength)
  title!: string;

  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'content must not be empty' })
  @MaxLength(QUICK_REPLY_LIMITS.contentMaxLength)
  content!: string;
}

export class UpdateQuickReplyDto implements UpdateQuickReplyRequest {
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(QUICK_REPLY_LIMITS.titleMaxLength)
  title?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'content must not be empty' })
  @MaxLength(QUICK_REPLY_LIMITS.contentMaxLength)
  content?: string;
}

export class ReorderQuickRepliesDto implements ReorderQuickRepliesRequest {
  @IsArray()
  @ArrayMaxSize(QUICK_REPLY_LIMITS.maxPerGarage)
  @ArrayUnique({ message: 'ids must not repeat an id' })
  @IsObjectId('a quick reply id', { each: true })
  ids!: string[];
}
