import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { AckFailure } from '@promoto/shared-dto';
import { toErrorBody } from '../common/error-body';

/** A socket event that fails answers through its acknowledgement: `{ ok: false, error: { code, message } }`. */
@Catch()
export class WsAckExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WsAckExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { statusCode, ...error } = toErrorBody(exception);
    if (statusCode >= 500) {
      this.logger.error(
        exception instanceof Error
          ? (exception.stack ?? exception.message)
          : String(exception),
      );
    }
    const ack = host
      .getArgs()
      .find((arg, index) => index > 0 && typeof arg === 'function') as
      | ((response: AckFailure) => void)
      | undefined;
    ack?.({ ok: false, error });
  }
}
