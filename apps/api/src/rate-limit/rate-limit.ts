import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitedException } from '../common/app-exception';

/**
 * A limit on one action per key (a user, an account, a booking…) on the throttler's storage
 * (Redis when set, so every replica counts the same hits), refused with 429 RATE_LIMITED and the
 * seconds to wait. Its name is part of every key it counts under: the in-process store keeps one
 * "blocked" flag per key, so two limits sharing a key would block each other's actions.
 */
export class RateLimit {
  constructor(
    private readonly storage: ThrottlerStorage,
    private readonly name: string,
    private readonly windowMs: number,
    private readonly limit: number,
    private readonly refusal: (waitSeconds: number) => string,
  ) {}

  async consume(key: string): Promise<void> {
    const record = await this.storage.increment(
      `${this.name}:${key}`,
      this.windowMs,
      this.limit,
      this.windowMs,
      this.name,
    );
    if (record.isBlocked) {
      throw new RateLimitedException(this.refusal(record.timeToBlockExpire), record.timeToBlockExpire);
    }
  }
}
