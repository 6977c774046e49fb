import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { RateLimit } from './rate-limit';

/** Caps how fast one user sends, over REST and Socket.IO together. */
@Injectable()
export class SendRateLimiter extends RateLimit {
  constructor(@Inject(ThrottlerStorage) storage: ThrottlerStorage, config: ConfigService<Environment, true>) {
    super(
      storage,
      'send',
      10_000,
      config.get('THROTTLE_SEND_PER_10S', { infer: true }),
      (wait) => `You are sending too fast: try again in ${wait} s.`,
    );
  }
}
