import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model, Types } from 'mongoose';
import { ConversationRecorder } from './conversation-recorder';
import { idAfter, idAt } from './message-id';
import { Message } from './message.schema';
import {
  CHECKPOINTS,
  HEARTBEAT_MS,
  RecordingCheckpoint,
  STALE_AFTER_MS,
  type CheckpointDocument,
} from './recording-checkpoint';

/** Messages read at once while replaying a dead process's last moments. */
const PAGE = 500;
/** How far past its last heartbeat a dead process's messages are looked for (ids may run a little ahead of clocks). */
const TAIL_MS = 30_000;

/**
 * At start and then every few seconds, finds the checkpoints of processes that stopped without
 * finishing their listeners (killed, crashed), claims each one (a conditional update: one
 * process wins), and records again every conversation with a message from that process's
 * pending point on: the summaries catch up from the messages, and badges and e-mail schedules
 * are written again (all idempotent). A claim not finished within STALE_AFTER_MS is taken over.
 */
@Injectable()
export class RecordingRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecordingRecovery.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly checkpoint: RecordingCheckpoint,
    private readonly recorder: ConversationRecorder,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.sweep();
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.sweep());
    }, 2 * HEARTBEAT_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      const now = Date.now();
      const stale = await this.collection()
        .find({ _id: { $ne: this.checkpoint.processId }, heartbeatAt: { $lt: new Date(now - STALE_AFTER_MS) } })
        .toArray();
      for (const dead of stale) {
        if (dead.claimedAt && dead.claimedAt.getTime() > now - STALE_AFTER_MS) continue;
        if (!(await this.claim(dead))) continue;
        await this.replay(dead);
        await this.collection().deleteOne({ _id: dead._id });
      }
    } catch (error) {
      this.logger.warn(`recovery sweep failed, tried again shortly: ${(error as Error).message}`);
    }
  }

  private async claim(dead: CheckpointDocument): Promise<boolean> {
    const claimed = await this.collection().findOneAndUpdate(
      { _id: dead._id, heartbeatAt: dead.heartbeatAt, claimedAt: dead.claimedAt ?? { $exists: false } },
      { $set: { claimedAt: new Date() } },
    );
    return claimed !== null;
  }

  /** Records again every conversation that has a message between the dead process's pending point and its end. */
  private async replay(dead: CheckpointDocument): Promise<void> {
    const until = idAt(dead.heartbeatAt.getTime() + TAIL_MS);
    let from = dead.pendingFrom;
    const conversations = new Map<string, Types.ObjectId>();
    // One open range on `_id` (read from its index in order on the embedded database too), paged.
    for (;;) {
      const page = await this.messages
        .find({ _id: { $gte: from } }, { conversation: 1 })
        .sort({ _id: 1 })
        .limit(PAGE)
        .lean<{ _id: Types.ObjectId; conversation: Types.ObjectId }[]>()
        .exec();
      const within = page.filter((message) => message._id.toHexString() < until.toHexString());
      for (const message of within) conversations.set(message.conversation.toHexString(), message.conversation);
      if (page.length < PAGE || within.length < page.length) break;
      from = idAfter(page[page.length - 1]._id);
    }
    for (const conversation of conversations.values()) await this.recorder.catchUp(conversation);
    if (conversations.size > 0) {
      this.logger.log(`recorded again ${conversations.size} conversation(s) left by a stopped process`);
    }
  }

  private collection() {
    return this.connection.collection<CheckpointDocument>(CHECKPOINTS);
  }
}
