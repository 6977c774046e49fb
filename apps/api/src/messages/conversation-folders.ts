import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { dropReplacedIndexes } from '../database/replaced-indexes';
import { runStartUpMigration } from '../database/start-up-migration';
import { retryTransient } from '../database/transient-retry';
import { Conversation } from './conversation.schema';

/** The list indexes before folders, which { user, folder, activity } replaced. */
const REPLACED_INDEXES = ['firstUser_1_activity_-1', 'secondUser_1_activity_-1'];

/** The document in `migrations` that says this migration ran to its end. */
const MIGRATION_ID = 'conversation-folders';

/**
 * Gives the conversations stored before folders existed their place in both people's inbox, and
 * drops the list indexes that the folder ones replaced, before the API serves. A replica starting
 * on a database without the done marker does it: each step is idempotent, so replicas starting
 * together only repeat one another's work, and a conversation archived meanwhile keeps its folder
 * (only a missing one is set). Once done, a start costs one read by `_id`, not a scan.
 */
@Injectable()
export class ConversationFolders implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConversationFolders.name);

  constructor(@InjectModel(Conversation.name) private readonly conversations: Model<Conversation>) {}

  onApplicationBootstrap(): Promise<void> {
    return runStartUpMigration(this.conversations.db, MIGRATION_ID, () => this.migrate());
  }

  private async migrate(): Promise<void> {
    let moved = 0;
    for (const field of ['firstFolder', 'secondFolder']) {
      // A read first: once migrated, a start scans without taking the embedded database's write lock.
      if (!(await this.conversations.exists({ [field]: { $exists: false } }).exec())) continue;
      const result = await retryTransient(() =>
        this.conversations.collection.updateMany({ [field]: { $exists: false } }, { $set: { [field]: 'inbox' } }),
      );
      moved += result.modifiedCount;
    }
    if (moved > 0) this.logger.log(`${moved} conversation sides stored before folders put in the inbox`);
    await dropReplacedIndexes(this.conversations.collection, REPLACED_INDEXES, 'the folder indexes', this.logger);
  }
}
