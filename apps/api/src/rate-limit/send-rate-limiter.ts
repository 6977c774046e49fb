import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ERROR_CODES } from '@promoto/shared-dto';
import { AppException } from '../common/app-exception';
import type { Environment } from '../config/environment';

const WINDOW_MS = 10_000;

/** Caps how fast one user sends, over REST and Socket.IO together, on the throttler's storage. */
@Injectable()
export class SendRateLimiter {
  private readonly limit: number;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    config: ConfigService<Environment, true>,
  ) {
    this.limit = config.get('THROTTLE_SEND_PER_10S', { infer: true });
  }

  async consume(userId: string): Promise<void> {
    const record = await this.storage.increment(`user:${userId}`, WINDOW_MS, this.limit, WINDOW_MS, 'send');
    if (record.isBlocked) {
      throw new AppException(
        HttpStatus.TOO_MANY_REQUESTS,
        ERROR_CODES.RATE_LIMITED,
        `You are sending too fast: try again in ${record.timeToBlockExpire} s.`,
      );
    }
  }
}
