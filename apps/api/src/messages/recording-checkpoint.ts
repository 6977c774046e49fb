import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Types } from 'mongoose';
import { Types as MongooseTypes } from 'mongoose';
import { idAt } from './message-id';

/** How often a process says which of its messages may still lack their bookkeeping. */
export const HEARTBEAT_MS = 1_000;
/** A checkpoint not renewed for this long belongs to a process that is gone. */
export const STALE_AFTER_MS = 5_000;

/** One document per running API process, in `recording_checkpoints`. */
export interface CheckpointDocument {
  _id: string;
  /** Every message this process stored with a lower id has been recorded by all its listeners. */
  pendingFrom: Types.ObjectId;
  heartbeatAt: Date;
  /** Set by the process replaying a dead one's messages (see RecordingRecovery). */
  claimedAt?: Date;
}

export const CHECKPOINTS = 'recording_checkpoints';

/**
 * What makes the listeners of `message.recorded` recoverable after a crash: this process holds
 * every message from the moment it gets its id until all its listeners are done, and writes
 * every second the lowest id it holds (or the present, holding none). If the process dies, its
 * checkpoint stops moving, and RecordingRecovery replays its messages from that id on.
 */
@Injectable()
export class RecordingCheckpoint implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RecordingCheckpoint.name);
  readonly processId = new MongooseTypes.ObjectId().toHexString();
  private readonly held = new Map<string, Types.ObjectId>();
  private timer?: NodeJS.Timeout;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  hold(id: Types.ObjectId): void {
    this.held.set(id.toHexString(), id);
  }

  release(id: Types.ObjectId): void {
    this.held.delete(id.toHexString());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** A clean stop records everything first (the recorder flushes before this), then leaves. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (this.held.size > 0) {
      await this.beat();
      return;
    }
    await this.collection()
      .deleteOne({ _id: this.processId })
      .catch((error: Error) => this.logger.warn(`checkpoint not removed: ${error.message}`));
  }

  private pendingFrom(): Types.ObjectId {
    let lowest = idAt(Date.now());
    for (const id of this.held.values()) if (id.toHexString() < lowest.toHexString()) lowest = id;
    return lowest;
  }

  private async beat(): Promise<void> {
    try {
      await this.collection().updateOne(
        { _id: this.processId },
        { $set: { pendingFrom: this.pendingFrom(), heartbeatAt: new Date() } },
        { upsert: true },
      );
    } catch (error) {
      this.logger.warn(`checkpoint not written: ${(error as Error).message}`);
    }
  }

  private collection() {
    return this.connection.collection<CheckpointDocument>(CHECKPOINTS);
  }
}
