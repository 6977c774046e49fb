import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { AttachmentsService } from '../attachments/attachments.service';
import { PeriodicTask } from '../common/periodic-task';
import type { Environment } from '../config/environment';
import { GaragesService } from '../garages/garages.service';
import { UsersService } from '../users/users.service';
import { Conversation } from './conversation.schema';
import { ConversationRecorder } from './conversation-recorder';
import { ConversationsService } from './conversations.service';
import { Message, type StoredMessage } from './message.schema';

const DAY_MS = 86_400_000;
/** Conversations purged per pass, and messages deleted per request (a bounded `$in`, fast on FerretDB too). */
const CONVERSATION_BATCH = 50;
const MESSAGE_BATCH = 500;

/**
 * With CONVERSATION_RETENTION_DAYS set, every replica purges, every
 * CONVERSATION_RETENTION_SWEEP_INTERVAL_S, the conversations whose newest activity (`activity`, a
 * time-ordered id) is older than that many days: their messages' files (as a deleted message's, a
 * quote's PDFs included),
 * their messages (by `_id` ranges on the `{ conversation, _id }` index, in bounded batches), their
 * people's unread counts, then the conversation itself, last and only if nothing came meanwhile,
 * so that a pass cut short is finished by the next. Plain finds and deletes: the same on MongoDB
 * and on the embedded FerretDB; two replicas purging at once delete the same things, harmlessly.
 */
@Injectable()
export class ConversationRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConversationRetention.name);
  private readonly retentionMs: number | null;
  private readonly task: PeriodicTask;

  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly attachments: AttachmentsService,
    private readonly users: UsersService,
    private readonly garages: GaragesService,
    private readonly recorder: ConversationRecorder,
    config: ConfigService<Environment, true>,
  ) {
    const days = config.get('CONVERSATION_RETENTION_DAYS', { infer: true });
    this.retentionMs = days ? days * DAY_MS : null;
    const intervalMs = config.get('CONVERSATION_RETENTION_SWEEP_INTERVAL_S', { infer: true }) * 1000;
    this.task = new PeriodicTask('conversation retention', intervalMs, () => this.purgeInactive(), this.logger);
  }

  onApplicationBootstrap(): void {
    if (this.retentionMs !== null) this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Purges the conversations inactive past the retention period; answers how many. */
  async purgeInactive(now = Date.now()): Promise<number> {
    if (this.retentionMs === null) return 0;
    const cutoff = Types.ObjectId.createFromTime(Math.floor((now - this.retentionMs) / 1000));
    const stale = await this.conversations
      .find({ activity: { $lt: cutoff } })
      .limit(CONVERSATION_BATCH)
      .lean<Conversation[]>()
      .exec();
    for (const conversation of stale) await this.purge(conversation);
    if (stale.length > 0) this.logger.log(`purged ${stale.length} conversation(s) inactive past the retention period`);
    return stale.length;
  }

  private async purge(conversation: Conversation): Promise<void> {
    const id = conversation._id;
    // Up to its newest activity only: a message written meanwhile stays, with its conversation.
    for (;;) {
      const batch = await this.messages
        .find({ conversation: id, _id: { $lte: conversation.activity } })
        .sort({ _id: 1 })
        .limit(MESSAGE_BATCH)
        .select({ _id: 1 })
        .lean<Pick<StoredMessage, '_id'>[]>()
        .exec();
      if (batch.length === 0) break;
      const ids = batch.map(({ _id }) => _id);
      // Their uploads and the files the API wrote about them (a quote's PDF), in one read per batch.
      await this.attachments.discardOfMessages(ids);
      await this.messages.deleteMany({ _id: { $in: ids } }).exec();
    }
    const { clientId, garageId } = ConversationsService.sidesOf(conversation);
    await this.users.setUnread(clientId, id.toHexString(), 0);
    const deleted = await this.conversations.deleteOne({ _id: id, activity: conversation.activity }).exec();
    this.recorder.forget(id.toHexString());
    if (deleted.deletedCount !== 1) return;
    // The garage's badges no longer count what it received, nor its members what they read, in it.
    const received = conversation.members[garageId]?.receivedCount ?? 0;
    if (received > 0) await this.garages.addReceived(garageId, -received);
    for (const [userId, reader] of Object.entries(conversation.readers ?? {})) {
      if (reader.readCount > 0) await this.users.addGarageRead(userId, -reader.readCount);
    }
  }
}
