/** FerretDB 1.24 refuses an update that breaks a unique index with SQLite's words instead of E11000. */
const FERRETDB_UPDATE_DUPLICATE = /UNIQUE constraint failed: index /;

/** The server refused a write because a unique index already holds that key (E11000). */
export const isDuplicateKey = (error: unknown): boolean => {
  const refused = error as { code?: unknown; message?: unknown } | null;
  return (
    refused?.code === 11000 || (typeof refused?.message === 'string' && FERRETDB_UPDATE_DUPLICATE.test(refused.message))
  );
};

/** Driver errors that mean the database cannot be reached now, rather than a refused command. */
const UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
]);

/**
 * A bulk write that failed for a driver reason (the connection, server selection) rather than a
 * refused document: the driver wraps that error in a MongoBulkWriteError with no write errors and
 * no server error code, and the original name is lost.
 */
function isWrappedDriverError(error: Error): boolean {
  const bulk = error as Error & { writeErrors?: unknown[]; code?: unknown };
  return error.name === 'MongoBulkWriteError' && bulk.writeErrors?.length === 0 && typeof bulk.code !== 'number';
}

/** The database is away (down, unreachable, restarting): worth retrying shortly, not a bug. */
export const isDatabaseUnavailable = (error: unknown): boolean =>
  error instanceof Error && (UNREACHABLE.has(error.name) || isWrappedDriverError(error));
