import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Types, type Connection, type Model } from 'mongoose';
import { PeriodicTask } from '../common/periodic-task';
import { AttachmentStorage } from './attachment-storage';
import { Attachment, type StoredAttachment } from './attachment.schema';

/**
 * How often each replica looks for files of deleted messages (removing twice is harmless). Each
 * pass reads every sent upload's record, so it runs daily: deleting a message removes its files
 * at once, and this pass only catches what was left before that or by an interrupted deletion.
 */
const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;
const PAGE_SIZE = 500;

/** An upload whose message was stored: the pages below read only those. */
type SentAttachment = StoredAttachment & { message: Types.ObjectId };

/**
 * Removes the files of deleted messages, and of messages that no longer exist, with their
 * upload records and the deleted message's descriptions of them: a deleted message keeps no
 * trace of its files. Reads the uploads sent with a message page by page (by `_id`), and their
 * messages by `_id`.
 */
@Injectable()
export class DeletedMessageFiles implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask(
    'purge of deleted messages’ files',
    PURGE_INTERVAL_MS,
    () => this.purge(),
    new Logger(DeletedMessageFiles.name),
  );

  constructor(
    @InjectModel(Attachment.name) private readonly attachments: Model<Attachment>,
    @InjectConnection() private readonly connection: Connection,
    private readonly storage: AttachmentStorage,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass: how many uploads were removed. */
  async purge(): Promise<number> {
    let removed = 0;
    let after: Types.ObjectId | undefined;
    for (;;) {
      const page = await this.attachments
        .find({ message: { $exists: true }, ...(after ? { _id: { $gt: after } } : {}) })
        .sort({ _id: 1 })
        .limit(PAGE_SIZE)
        .lean<SentAttachment[]>()
        .exec();
      if (page.length === 0) return removed;
      after = page[page.length - 1]._id;
      const messageIds = [...new Set(page.map((attachment) => attachment.message.toHexString()))];
      const live = await this.connection
        .collection('messages')
        .find(
          { _id: { $in: messageIds.map((id) => new Types.ObjectId(id)) }, deletedAt: { $exists: false } },
          { projection: { _id: 1 } },
        )
        .toArray();
      const liveIds = new Set(live.map((message) => message._id.toHexString()));
      for (const attachment of page) {
        const messageId = attachment.message;
        if (liveIds.has(messageId.toHexString())) continue;
        await this.storage.delete(attachment.fileKey);
        if (attachment.thumbnailKey) await this.storage.delete(attachment.thumbnailKey);
        await this.attachments.deleteOne({ _id: attachment._id }).exec();
        await this.connection.collection('messages').updateOne({ _id: messageId }, { $unset: { attachments: '' } });
        removed += 1;
      }
    }
  }
}
