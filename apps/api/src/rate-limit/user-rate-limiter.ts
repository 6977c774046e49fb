import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitedException } from '../common/app-exception';

/**
 * A fixed-window limit per user (or per account name) on the throttler's storage (Redis when set, so every replica
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

  async consume(key: string): Promise<void> {
    const record = await this.storage.increment(`user:${key}`, this.windowMs, this.limit, this.windowMs, this.name);
    if (record.isBlocked) {
      throw new RateLimitedException(this.refusal(record.timeToBlockExpire), record.timeToBlockExpire);
    }
  }
}
