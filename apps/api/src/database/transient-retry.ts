/** How many times, and after how long, a write that failed for a passing reason is tried again. */
const DELAYS_MS = [25, 100, 400];

/**
 * Errors a second attempt can cure: a connection that dropped, or a storage engine that was
 * busy (FerretDB's SQLite answers "database is locked" under concurrent writes).
 */
export function isTransient(error: unknown): boolean {
  const { name, message, errorLabels } = error as { name?: string; message?: string; errorLabels?: string[] };
  return (
    name === 'MongoNetworkError' ||
    (errorLabels ?? []).includes('RetryableWriteError') ||
    /database is locked|SQLITE_BUSY/i.test(message ?? '')
  );
}

/** Runs an idempotent or commutative write again when it fails for a passing reason. */
export async function retryTransient<T>(write: () => Promise<T>): Promise<T> {
  for (const delay of DELAYS_MS) {
    try {
      return await write();
    } catch (error) {
      if (!isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return write();
}
