import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { memoryCache } from '../common/memory-cache';
import { MAX_OBJECT_ID } from './conversations.service';
import { idAfter, laterId, newMessageId } from './message-id';
import { Message, type MessageDraft, type StoredMessage } from './message.schema';

/** Conversations whose newest message this process remembers. */
const REMEMBERED_CONVERSATIONS = 50_000;

type Newest = Pick<StoredMessage, '_id' | 'seq' | 'createdAt'>;

/**
 * Gives each message its place in its conversation, the same whatever replica stores it and
 * however far apart the replicas' clocks are: the next `seq` after the newest message known, an
 * id above that message's (its own clock's id when that is later, so ids still tell the time)
 * and a createdAt not before it. The database arbitrates: `seqKey` is unique, so of two replicas
 * placing a message at the same seq one is refused, forgets what it knew of the conversation and
 * places it again after the newest message it then reads. A message therefore always has a higher
 * id than every message stored before it in its conversation, and catching up with `after` never
 * misses one.
 */
@Injectable()
export class MessageSequence {
  private readonly newest = memoryCache<string, Newest>({ max: REMEMBERED_CONVERSATIONS });

  constructor(@InjectModel(Message.name) private readonly messages: Model<Message>) {}

  /** The draft in its place after the newest message known; the next one of the conversation goes after it. */
  async place(draft: MessageDraft): Promise<StoredMessage> {
    const key = draft.conversation.toHexString();
    const newest = this.newest.get(key) ?? (await this.readNewest(draft.conversation));
    const now = new Date();
    const seq = (newest?.seq ?? 0) + 1;
    const message: StoredMessage = {
      ...draft,
      _id: newest ? laterId(newMessageId(), idAfter(newest._id)) : newMessageId(),
      createdAt: newest && newest.createdAt > now ? newest.createdAt : now,
      seq,
      seqKey: `${key}:${seq}`,
    };
    this.newest.set(key, message);
    return message;
  }

  /** After a refused insert: what this process knew of the conversation may be stale. */
  forget(conversation: Types.ObjectId): void {
    this.newest.delete(conversation.toHexString());
  }

  private async readNewest(conversation: Types.ObjectId): Promise<Newest | undefined> {
    const [newest] = await this.messages
      .find({ conversation, _id: { $lt: MAX_OBJECT_ID } }, { _id: 1, seq: 1, createdAt: 1 })
      .sort({ _id: -1 })
      .limit(1)
      .lean<Newest[]>()
      .exec();
    return newest && { _id: newest._id, seq: newest.seq ?? 0, createdAt: newest.createdAt };
  }
}
