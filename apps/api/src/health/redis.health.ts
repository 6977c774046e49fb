import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { withTimeout } from '../common/with-timeout';
import { RedisService } from '../redis/redis.service';

/** Pings Redis when REDIS_URL is set; without it there is nothing to wait for. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly redis: RedisService,
    private readonly healthIndicator: HealthIndicatorService,
  ) {}

  async ping(key: string, timeoutMs: number) {
    const check = this.healthIndicator.check(key);
    if (!this.redis.enabled) return check.up({ message: 'not configured' });
    try {
      await withTimeout(this.redis.ping(), timeoutMs);
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
