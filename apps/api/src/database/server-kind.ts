import type { Connection } from 'mongoose';

/**
 * Whether the server is MongoDB itself rather than FerretDB (development and tests), which
 * answers buildInfo with its own version too. Some features (TTL indexes) exist on MongoDB only.
 */
export async function isMongoDbServer(connection: Connection): Promise<boolean> {
  const info = await connection.getClient().db('admin').command({ buildInfo: 1 });
  return info['ferretdbVersion'] === undefined;
}

/**
 * Creates a TTL index on MongoDB (the server deletes expired documents by itself, about every
 * minute); on FerretDB, which has none, the caller's periodic purge does the same work.
 */
export async function ensureTtlIndex(
  connection: Connection,
  collection: string,
  field: string,
  expireAfterSeconds: number,
): Promise<boolean> {
  if (!(await isMongoDbServer(connection))) return false;
  await connection.collection(collection).createIndex({ [field]: 1 }, { expireAfterSeconds, name: `${field}_ttl` });
  return true;
}
