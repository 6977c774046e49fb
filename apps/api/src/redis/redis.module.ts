import { Module } from '@nestjs/common';
import { ObservabilityModule } from '../observability/observability.module';
import { RedisService } from './redis.service';

@Module({ imports: [ObservabilityModule], providers: [RedisService], exports: [RedisService] })
export class RedisModule {}
