import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { PeriodicTask } from '../common/periodic-task';
import type { Environment } from '../config/environment';
import { AttachmentStorage } from './attachment-storage';
import { Attachment, type StoredAttachment } from './attachment.schema';

/** Uploads no stored message carries are deleted once this old. */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;
const SWEEP_BATCH = 200;

/**
 * Deletes the uploads never sent, 24 hours after they were made, with their files. Every replica
 * sweeps (deleting twice is harmless). An upload reserved by a send whose message is stored but
 * was not marked (the process stopped in between) is marked instead of deleted: the message's
 * idempotency key finds it.
 */
@Injectable()
export class OrphanSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    @InjectModel(Attachment.name) private readonly attachments: Model<Attachment>,
    @InjectConnection() private readonly connection: Connection,
    private readonly storage: AttachmentStorage,
    config: ConfigService<Environment, true>,
  ) {
    const intervalMs = config.get('ATTACHMENT_SWEEP_INTERVAL_S', { infer: true }) * 1000;
    this.task = new PeriodicTask('orphan upload sweep', intervalMs, () => this.sweep(), new Logger(OrphanSweeper.name));
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass: how many uploads were deleted. */
  async sweep(now = Date.now()): Promise<number> {
    const candidates = await this.attachments
      .find({ createdAt: { $lt: new Date(now - ORPHAN_AGE_MS) }, message: { $exists: false } })
      .limit(SWEEP_BATCH)
      .lean<StoredAttachment[]>()
      .exec();
    let deleted = 0;
    for (const attachment of candidates) {
      const message = attachment.sentWith
        ? await this.connection
            .collection('messages')
            .findOne({ sender: attachment.owner, idempotencyKey: attachment.sentWith }, { projection: { _id: 1 } })
        : null;
      if (message) {
        await this.attachments.updateOne({ _id: attachment._id }, { $set: { message: message._id } }).exec();
        continue;
      }
      await this.storage.delete(attachment.fileKey);
      if (attachment.thumbnailKey) await this.storage.delete(attachment.thumbnailKey);
      await this.attachments.deleteOne({ _id: attachment._id }).exec();
      deleted += 1;
    }
    return deleted;
  }
}
