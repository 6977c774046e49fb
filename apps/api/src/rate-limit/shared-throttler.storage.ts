import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Redis } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Hits counted in Redis (@nest-lab/throttler-storage-redis), so that every replica sees the same
 * ones; while Redis is away, counted in this process instead, so that no limit (logins first)
 * stops applying during the blip. A replica then allows at most one limit's worth more than Redis
 * would have, and Redis takes over again as soon as it answers.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private countingLocally = false;

  constructor(private readonly redis: Redis) {
    this.shared = new ThrottlerStorageRedisService(redis);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    // Not waiting for a connection that is down: a command would queue until the next retry.
    if (this.redis.status === 'ready') {
      try {
        const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
        if (this.countingLocally) this.logger.log('rate limits are counted on Redis again');
        this.countingLocally = false;
        return record;
      } catch (error) {
        this.fallBack((error as Error).message);
      }
    } else {
      this.fallBack(`Redis is ${this.redis.status}`);
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }

  private fallBack(reason: string): void {
    if (!this.countingLocally) this.logger.warn(`rate limits counted in this process while Redis is away (${reason})`);
    this.countingLocally = true;
  }
}
