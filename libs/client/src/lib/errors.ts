import type { ApiError, ErrorCode } from '@promoto/shared-dto';

/**
 * What the client itself can fail with, besides the API's own codes: the server could not be
 * reached, the call was aborted, the account opened too many sockets elsewhere (this one was
 * closed and does not reconnect), or there is no session to call with.
 */
export type ClientErrorCode = 'NETWORK_ERROR' | 'ABORTED' | 'SESSION_REPLACED' | 'CLOSED' | 'NO_SESSION';

/** Every error of the client: `code` is one of the API's `ERROR_CODES` or a `ClientErrorCode`. */
export class PromotoError extends Error {
  override readonly name = 'PromotoError';

  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    /** The HTTP status, for an error the REST API answered. */
    readonly status?: number,
    /** One sentence per invalid field, for VALIDATION_FAILED. */
    readonly details?: string[],
  ) {
    super(message);
  }

  /** An error body of the REST API, or the `error` of a failed acknowledgement. */
  static from(error: Omit<ApiError, 'statusCode'> & { statusCode?: number }): PromotoError {
    return new PromotoError(error.code, error.message, error.statusCode, error.details);
  }
}

/**
 * Codes worth the same request again, unchanged, a moment later: the database or the replica was
 * unavailable, or the sender was too fast. Any other code means the request itself must change.
 */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set<ErrorCode | ClientErrorCode>([
  'DATABASE_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
  'NETWORK_ERROR',
]);
