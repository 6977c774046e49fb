import { HttpErrorResponse } from '@angular/common/http';
import { ERROR_CODES, type AckFailure, type ApiError, type ErrorCode } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';

/** A failed socket acknowledgement, thrown so that callers handle it like a failed request. */
export class AckError extends Error {
  constructor(readonly error: AckFailure['error']) {
    super(error.message);
    this.name = 'AckError';
  }
}

/** Statuses a browser sees when nothing answers: no network, or a proxy without its upstream. */
const UNREACHABLE_STATUSES = new Set([0, 502, 503, 504]);

const KNOWN_CODES = new Set<string>(Object.values(ERROR_CODES));

/** Codes whose `message` the API writes in French for the person acting: it says more than our generic text. */
const SERVER_WORDED = new Set<ErrorCode>([
  ERROR_CODES.OUTSIDE_OPENING_HOURS,
  ERROR_CODES.SLOT_TAKEN,
  ERROR_CODES.DUPLICATE_BOOKING,
  ERROR_CODES.CONTACT_UNAVAILABLE,
]);

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && KNOWN_CODES.has((body as ApiError).code);
}

/** The stable error code behind a failed request or acknowledgement, when there is one. */
export function errorCode(error: unknown): ErrorCode | null {
  if (error instanceof AckError) return error.error.code;
  if (error instanceof HttpErrorResponse && isApiError(error.error)) return error.error.code;
  return null;
}

function isUnreachable(error: unknown): boolean {
  return error instanceof HttpErrorResponse && UNREACHABLE_STATUSES.has(error.status) && !isApiError(error.error);
}

/** A French sentence a person can act on, whatever failed; `fallback` when nothing says why. */
export function describeError(error: unknown, fallback: string = fr.errors.unexpected): string {
  if (isUnreachable(error)) return fr.errors.unreachable;
  const code = errorCode(error);
  if (!code) return fallback;
  const message =
    error instanceof HttpErrorResponse
      ? (error.error as ApiError).message
      : error instanceof AckError
        ? error.error.message
        : null;
  return SERVER_WORDED.has(code) && message ? message : fr.errors.byCode[code];
}
