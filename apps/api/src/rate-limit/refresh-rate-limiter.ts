import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { RateLimit } from './rate-limit';

/**
 * Token refreshes per client address and minute. A refresh token cannot be guessed (32 random
 * bytes, only its hash is compared), but each call costs a session read and write: without a
 * ceiling, unauthenticated calls would be unbounded. A person refreshes about once per access
 * token lifetime, so the default leaves room for many people behind one address.
 */
@Injectable()
export class RefreshRateLimiter extends RateLimit {
  constructor(@Inject(ThrottlerStorage) storage: ThrottlerStorage, config: ConfigService<Environment, true>) {
    super(
      storage,
      'refresh-address',
      60_000,
      config.get('THROTTLE_REFRESH_PER_MINUTE', { infer: true }),
      (wait) => `Too many token refreshes from this address: try again in ${wait} s.`,
    );
  }
}
