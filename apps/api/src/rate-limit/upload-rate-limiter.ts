import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { RateLimit } from './rate-limit';

/** Caps how many files one account uploads per hour (each costs a decode and a re-encode). */
@Injectable()
export class UploadRateLimiter extends RateLimit {
  constructor(@Inject(ThrottlerStorage) storage: ThrottlerStorage, config: ConfigService<Environment, true>) {
    super(
      storage,
      'upload',
      3_600_000,
      config.get('THROTTLE_UPLOADS_PER_HOUR', { infer: true }),
      (wait) => `Trop de fichiers envoyés : réessayez dans ${Math.ceil(wait / 60)} min.`,
    );
  }
}
