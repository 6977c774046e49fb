import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { RateLimit } from './rate-limit';

const WINDOW_MS = 900_000;

/**
 * Login attempts to one account (the normalised email), counted twice: per client address and
 * account, which is what someone typing a wrong password meets, so that others' failures from
 * other addresses never lock the owner out at theirs; and per account from all addresses
 * together, a ceiling several times higher, so that rotating addresses does not multiply the
 * guesses. Every attempt counts, known email or not, so the answer never tells whether an
 * account exists.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly fromAddress: RateLimit;
  private readonly fromEverywhere: RateLimit;

  constructor(@Inject(ThrottlerStorage) storage: ThrottlerStorage, config: ConfigService<Environment, true>) {
    const refusal = (wait: number) => `Too many attempts on this account: try again in ${wait} s.`;
    this.fromAddress = new RateLimit(
      storage,
      'login-address-account',
      WINDOW_MS,
      config.get('THROTTLE_LOGIN_PER_ADDRESS_AND_ACCOUNT_PER_15MIN', { infer: true }),
      refusal,
    );
    this.fromEverywhere = new RateLimit(
      storage,
      'login-account',
      WINDOW_MS,
      config.get('THROTTLE_LOGIN_PER_ACCOUNT_PER_15MIN', { infer: true }),
      refusal,
    );
  }

  /** An attempt refused at its own address does not count against the account as a whole. */
  async consume(email: string, address: string): Promise<void> {
    await this.fromAddress.consume(`${address}:${email}`);
    await this.fromEverywhere.consume(email);
  }
}
