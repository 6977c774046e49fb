import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { RedisModule } from '../redis/redis.module';
import { RedisService } from '../redis/redis.service';
import { AppThrottlerGuard } from './app-throttler.guard';
import { BookingChangeRateLimiter } from './booking-change-rate-limiter';
import { BookingRateLimiter } from './booking-rate-limiter';
import { DataExportRateLimiter } from './data-export-rate-limiter';
import { LoginRateLimiter } from './login-rate-limiter';
import { RefreshRateLimiter } from './refresh-rate-limiter';
import { SendRateLimiter } from './send-rate-limiter';
import { SharedThrottlerStorage } from './shared-throttler.storage';
import { UploadRateLimiter } from './upload-rate-limiter';

export const AUTH_THROTTLER = 'auth';

const LIMITERS = [
  AppThrottlerGuard,
  SendRateLimiter,
  BookingRateLimiter,
  BookingChangeRateLimiter,
  LoginRateLimiter,
  RefreshRateLimiter,
  UploadRateLimiter,
  DataExportRateLimiter,
];

/**
 * Rate limits: per client IP on register, login and token refresh, per address and account and per account on
 * login, per user on sending, booking, uploads and data exports, per booking and
 * per garage on booking changes; shared through Redis when set (counted in the
 * process while Redis is away).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RedisModule],
      inject: [ConfigService, RedisService],
      useFactory: (config: ConfigService<Environment, true>, redis: RedisService) => ({
        throttlers: [
          { name: AUTH_THROTTLER, ttl: 60_000, limit: config.get('THROTTLE_AUTH_PER_MINUTE', { infer: true }) },
        ],
        ...(redis.commands ? { storage: new SharedThrottlerStorage(redis.commands) } : {}),
      }),
    }),
  ],
  providers: LIMITERS,
  exports: LIMITERS,
})
export class RateLimitModule {}
