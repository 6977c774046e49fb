/** The server refused a write because a unique index already holds that key (E11000). */
export const isDuplicateKey = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 11000;
