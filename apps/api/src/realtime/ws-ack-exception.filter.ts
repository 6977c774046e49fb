import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import { ERROR_CODES, type AckFailure } from '@promoto/shared-dto';
import { toErrorBody } from '../common/error-body';
import { MetricsService } from '../observability/metrics.service';

/** A socket event that fails answers through its acknowledgement: `{ ok: false, error: { code, message } }`. */
@Injectable()
@Catch()
export class WsAckExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WsAckExceptionFilter');

  constructor(private readonly metrics: MetricsService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { code, message, details } = toErrorBody(exception);
    const error: AckFailure['error'] = details ? { code, message, details } : { code, message };
    if (code === ERROR_CODES.INTERNAL_ERROR) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    const ack = host.getArgs().find((arg, index) => index > 0 && typeof arg === 'function') as
      | ((response: AckFailure) => void)
      | undefined;
    this.metrics.acksFailed.inc({ code });
    ack?.({ ok: false, error });
  }
}
