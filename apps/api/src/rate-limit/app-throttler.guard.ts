import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimitedException } from '../common/app-exception';

/** @nestjs/throttler's guard, answering with the API's error body and a retry delay. */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new RateLimitedException(
      `Too many attempts: try again in ${detail.timeToBlockExpire} s.`,
      detail.timeToBlockExpire,
    );
  }
}
