import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { ConversationsService } from './conversations.service';
import type { ConversationSnapshot, RecordedMessage } from './message-events';
import { Message } from './message.schema';

const BEFORE_EVERY_ID = new Types.ObjectId('000000000000000000000000');

/** What other modules may read of conversations and their messages (they never read the collections). */
@Injectable()
export class ConversationReader {
  constructor(
    private readonly conversations: ConversationsService,
    @InjectModel(Message.name) private readonly messages: Model<Message>,
  ) {}

  findById(conversationId: Types.ObjectId): Promise<ConversationSnapshot | null> {
    return this.conversations.findById(conversationId);
  }

  /** The newest messages after `userId`'s read watermark, newest first, at most `limit` (sent by anyone). */
  newestUnread(conversation: ConversationSnapshot, userId: string, limit: number): Promise<RecordedMessage[]> {
    const watermark = conversation.members[userId]?.lastReadMessageId ?? BEFORE_EVERY_ID;
    return this.messages
      .find({ conversation: conversation._id, _id: { $gt: watermark } })
      .sort({ _id: -1 })
      .limit(limit)
      .lean<RecordedMessage[]>()
      .exec();
  }
}
