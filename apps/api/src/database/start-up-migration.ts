import type { Connection } from 'mongoose';
import { isDuplicateKey } from './mongo-errors';

/**
 * Runs a start-up migration unless the `migrations` collection says it ran to its end (one read
 * by `_id`), then says so. The work must be idempotent: replicas starting together on a database
 * that lacks the marker all run it, and only repeat one another's steps.
 */
export async function runStartUpMigration(
  connection: Connection,
  id: string,
  work: () => Promise<void>,
): Promise<void> {
  const migrations = connection.collection<{ _id: string; doneAt: Date }>('migrations');
  if (await migrations.findOne({ _id: id })) return;
  await work();
  await migrations.updateOne({ _id: id }, { $setOnInsert: { doneAt: new Date() } }, { upsert: true }).catch((error) => {
    if (!isDuplicateKey(error)) throw error;
  });
}
