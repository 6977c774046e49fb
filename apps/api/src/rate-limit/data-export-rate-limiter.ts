import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { RateLimit } from './rate-limit';

/**
 * Caps how many copies of their data one account asks for per day: each reads every conversation
 * and file of the person and writes a zip as large, work that nobody should be able to queue at will.
 */
@Injectable()
export class DataExportRateLimiter extends RateLimit {
  constructor(@Inject(ThrottlerStorage) storage: ThrottlerStorage, config: ConfigService<Environment, true>) {
    super(
      storage,
      'data-export',
      86_400_000,
      config.get('THROTTLE_DATA_EXPORTS_PER_DAY', { infer: true }),
      (wait) =>
        `Vous avez demandé beaucoup de copies de vos données aujourd’hui : réessayez dans ${Math.ceil(wait / 3600)} h.`,
    );
  }
}
