import { HttpStatus } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ERROR_CODES } from '@promoto/shared-dto';
import { AppException } from '../common/app-exception';

/**
 * A fixed-window limit per user on the throttler's storage (Redis when set, so every replica
 * counts the same hits), refused with 429 RATE_LIMITED and the seconds to wait.
 */
export abstract class UserRateLimiter {
  protected constructor(
    private readonly storage: ThrottlerStorage,
    private readonly name: string,
    private readonly windowMs: number,
    private readonly limit: number,
    private readonly refusal: (waitSeconds: number) => string,
  ) {}

  async consume(userId: string): Promise<void> {
    const record = await this.storage.increment(`user:${userId}`, this.windowMs, this.limit, this.windowMs, this.name);
    if (record.isBlocked) {
      throw new AppException(
        HttpStatus.TOO_MANY_REQUESTS,
        ERROR_CODES.RATE_LIMITED,
        this.refusal(record.timeToBlockExpire),
      );
    }
  }
}
