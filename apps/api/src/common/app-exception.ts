import { HttpException, HttpStatus } from '@nestjs/common';
import { ERROR_CODES, type ErrorCode } from '@promoto/shared-dto';

/** An HTTP error with the stable code that REST bodies and socket acknowledgements carry. */
export class AppException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details?: string[],
  ) {
    super(message, status);
  }
}

export const badRequest = (message: string, details?: string[]) =>
  new AppException(HttpStatus.BAD_REQUEST, ERROR_CODES.VALIDATION_FAILED, message, details);
export const unauthenticated = (message: string) =>
  new AppException(HttpStatus.UNAUTHORIZED, ERROR_CODES.UNAUTHENTICATED, message);
export const forbidden = (message: string) => new AppException(HttpStatus.FORBIDDEN, ERROR_CODES.FORBIDDEN, message);
export const notFound = (message: string) => new AppException(HttpStatus.NOT_FOUND, ERROR_CODES.NOT_FOUND, message);
export const conflict = (code: ErrorCode, message: string) => new AppException(HttpStatus.CONFLICT, code, message);
/** 403 ACCOUNT_SUSPENDED: neutral, it says nothing of why. */
export const accountSuspended = () =>
  new AppException(HttpStatus.FORBIDDEN, ERROR_CODES.ACCOUNT_SUSPENDED, 'This account is suspended.');

/** 429 RATE_LIMITED, with the seconds to wait that the REST answer also sends as `Retry-After`. */
export class RateLimitedException extends AppException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, ERROR_CODES.RATE_LIMITED, message);
  }
}

/** Seconds after which a request refused because the database is away is worth retrying. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** 503 DATABASE_UNAVAILABLE, with the seconds to wait that the REST answer also sends as `Retry-After`. */
export class DatabaseUnavailableException extends AppException {
  readonly retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS;

  constructor() {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      ERROR_CODES.DATABASE_UNAVAILABLE,
      `The database cannot be reached right now: retry in ${DATABASE_RETRY_AFTER_SECONDS} s (a send retried with the same clientMessageId is stored once).`,
    );
  }
}
