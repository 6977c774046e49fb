import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ERROR_CODES } from '@promoto/shared-dto';
import { DATABASE_RETRY_AFTER_SECONDS, RateLimitedException } from './app-exception';
import { toErrorBody } from './error-body';

/** Every REST error leaves as `{ statusCode, code, message, details? }`, a rate limit or an unreachable database with `Retry-After`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(exception);
    if (body.code === ERROR_CODES.INTERNAL_ERROR) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof RateLimitedException)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    else if (body.code === ERROR_CODES.DATABASE_UNAVAILABLE)
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    response.status(body.statusCode).json(body);
  }
}
