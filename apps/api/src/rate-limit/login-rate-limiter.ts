import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { UserRateLimiter } from './user-rate-limiter';

/**
 * Login attempts per account (the normalised email), whatever the address they come from, so that
 * rotating addresses does not multiply the guesses. Every attempt counts, known email or not, so
 * the answer never tells whether an account exists.
 */
@Injectable()
export class LoginRateLimiter extends UserRateLimiter {
  constructor(@Inject(ThrottlerStorage) storage: ThrottlerStorage, config: ConfigService<Environment, true>) {
    super(
      storage,
      'login-account',
      900_000,
      config.get('THROTTLE_LOGIN_PER_ACCOUNT_PER_15MIN', { infer: true }),
      (wait) => `Too many attempts on this account: try again in ${wait} s.`,
    );
  }
}
