import { HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ERROR_CODES } from '@promoto/shared-dto';
import { AppException } from '../common/app-exception';

/** @nestjs/throttler's guard, answering with the API's error body and a retry delay. */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new AppException(
      HttpStatus.TOO_MANY_REQUESTS,
      ERROR_CODES.RATE_LIMITED,
      `Too many attempts: try again in ${detail.timeToBlockExpire} s.`,
    );
  }
}
