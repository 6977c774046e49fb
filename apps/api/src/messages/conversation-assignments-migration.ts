import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import { dropReplacedIndexes } from '../database/replaced-indexes';
import { runStartUpMigration } from '../database/start-up-migration';
import { retryTransient } from '../database/transient-retry';
import { assignmentOf, Conversation, UNASSIGNED } from './conversation.schema';

/** The filters' indexes on `assignee`, which { user, folder, assignment, activity } replaced. */
const REPLACED_INDEXES = [
  'firstUser_1_firstFolder_1_assignee_1_activity_-1',
  'secondUser_1_secondFolder_1_assignee_1_activity_-1',
];

/**
 * Assigned conversations given their key per write: well under the 100 statements past which an
 * embedded database built without patch 0005 waits for ever (tools/db/patches/0005-update-one-commit.patch).
 */
const BATCH = 50;

/** The document in `migrations` that says this migration ran to its end. */
const MIGRATION_ID = 'conversation-assignments';

/** An assigned conversation, as the migration reads it. */
interface Assigned {
  _id: Types.ObjectId;
  assignee: Types.ObjectId;
}

/** Nobody assigned, and another key or none: what one `updateMany` gives UNASSIGNED. */
const UNASSIGNED_ELSEWHERE = { assignee: { $exists: false }, assignment: { $ne: UNASSIGNED } };

/**
 * Gives the conversations stored before `assignment` existed their key, from `assignee`, before
 * the API serves, and drops the filters' indexes on `assignee` that the ones on `assignment`
 * replaced. Any key that disagrees with `assignee` is mended too (an assignment made by a replica
 * of an older version during a rolling deploy), so deleting the marker makes the next start look
 * again. A replica starting on a database without the done marker does it; every write is
 * conditional on the assignee its key was computed from, so replicas starting together only
 * repeat one another's work, and an assignment made meanwhile, which writes its key itself,
 * stands. Once done, a start costs one read by `_id`, not a scan.
 */
@Injectable()
export class ConversationAssignmentsMigration implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConversationAssignmentsMigration.name);

  constructor(@InjectModel(Conversation.name) private readonly conversations: Model<Conversation>) {}

  onApplicationBootstrap(): Promise<void> {
    return runStartUpMigration(this.conversations.db, MIGRATION_ID, () => this.migrate());
  }

  private async migrate(): Promise<void> {
    const collection = this.conversations.collection;
    let keyed = 0;
    // A read first: once migrated, a start scans without taking the embedded database's write lock.
    if (await this.conversations.exists(UNASSIGNED_ELSEWHERE).exec()) {
      const result = await retryTransient(() =>
        collection.updateMany(UNASSIGNED_ELSEWHERE, { $set: { assignment: UNASSIGNED } }),
      );
      keyed += result.modifiedCount;
    }
    // Streamed, a batch written at a time: the assigned conversations are never all in memory.
    const assigned = collection
      .find({ assignee: { $exists: true } })
      .project<Assigned & { assignment?: string }>({ assignee: 1, assignment: 1 });
    let batch: Assigned[] = [];
    for await (const { _id, assignee, assignment } of assigned) {
      if (assignment === assignmentOf(assignee.toHexString())) continue;
      batch.push({ _id, assignee });
      if (batch.length < BATCH) continue;
      keyed += await this.key(batch);
      batch = [];
    }
    if (batch.length > 0) keyed += await this.key(batch);
    if (keyed > 0) this.logger.log(`${keyed} conversations given the assignment key of their assignee`);
    await dropReplacedIndexes(collection, REPLACED_INDEXES, 'the assignment indexes', this.logger);
  }

  /** Gives each conversation its assignee's key, if that is still its assignee; answers how many changed. */
  private async key(batch: readonly Assigned[]): Promise<number> {
    const result = await retryTransient(() =>
      this.conversations.collection.bulkWrite(
        batch.map(({ _id, assignee }) => ({
          updateOne: {
            filter: { _id, assignee },
            update: { $set: { assignment: assignmentOf(assignee.toHexString()) } },
          },
        })),
        { ordered: false },
      ),
    );
    return result.modifiedCount;
  }
}
