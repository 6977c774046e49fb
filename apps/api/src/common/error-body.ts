import { HttpException, HttpStatus } from '@nestjs/common';
import { ERROR_CODES, type ApiError, type ErrorCode } from '@promoto/shared-dto';
import { isDatabaseUnavailable } from '../database/mongo-errors';
import { AppException, DatabaseUnavailableException } from './app-exception';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  [HttpStatus.BAD_REQUEST]: ERROR_CODES.VALIDATION_FAILED,
  [HttpStatus.UNAUTHORIZED]: ERROR_CODES.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ERROR_CODES.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ERROR_CODES.NOT_FOUND,
  [HttpStatus.CONFLICT]: ERROR_CODES.CONFLICT,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ERROR_CODES.PAYLOAD_TOO_LARGE,
  [HttpStatus.TOO_MANY_REQUESTS]: ERROR_CODES.RATE_LIMITED,
  [HttpStatus.SERVICE_UNAVAILABLE]: ERROR_CODES.SERVICE_UNAVAILABLE,
};

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return String(message[0]);
  return typeof message === 'string' ? message : exception.message;
}

/** Turns anything thrown into the `{ statusCode, code, message, details? }` body of the API. */
export function toErrorBody(exception: unknown): Required<Pick<ApiError, 'statusCode'>> & ApiError {
  if (exception instanceof AppException) {
    const body = {
      statusCode: exception.getStatus(),
      code: exception.code,
      message: exception.message,
    };
    return exception.details ? { ...body, details: exception.details } : body;
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    return {
      statusCode,
      code: CODE_BY_STATUS[statusCode] ?? ERROR_CODES.INTERNAL_ERROR,
      message: messageOf(exception),
    };
  }
  if (isDatabaseUnavailable(exception)) return toErrorBody(new DatabaseUnavailableException());
  // body-parser errors carry an HTTP status of their own (malformed JSON, body too large).
  const status = (exception as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message =
      status === HttpStatus.PAYLOAD_TOO_LARGE
        ? 'The request body is too large.'
        : 'The request body is not valid JSON.';
    return {
      statusCode: status,
      code: CODE_BY_STATUS[status] ?? ERROR_CODES.VALIDATION_FAILED,
      message,
    };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    code: ERROR_CODES.INTERNAL_ERROR,
    message: 'Internal server error.',
  };
}
