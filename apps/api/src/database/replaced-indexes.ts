import type { Logger } from '@nestjs/common';
import type { Collection, Document } from 'mongodb';

/** The server's answers about a collection not created yet, and an index already dropped by another replica. */
const NAMESPACE_NOT_FOUND = 26;
const INDEX_NOT_FOUND = 27;

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * Drops the named indexes that others replaced, where they exist: a start-up migration's last
 * step, safe when several replicas do it at once (one drops, the others find it gone).
 */
export async function dropReplacedIndexes(
  collection: Collection<Document>,
  names: readonly string[],
  replacedBy: string,
  logger: Logger,
): Promise<void> {
  const indexes = await collection.indexes().catch((error: unknown) => {
    if (codeOf(error) === NAMESPACE_NOT_FOUND) return [];
    throw error;
  });
  const present = new Set(indexes.map((index) => index.name));
  for (const name of names.filter((index) => present.has(index))) {
    try {
      await collection.dropIndex(name);
      logger.log(`index ${name} dropped (replaced by ${replacedBy})`);
    } catch (error) {
      if (codeOf(error) !== INDEX_NOT_FOUND) throw error;
    }
  }
}
