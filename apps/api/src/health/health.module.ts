import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { HealthController } from './health.controller';
import { RedisHealthIndicator } from './redis.health';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { RedisModule } from '../redis/redis.module';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), LifecycleModule, RedisModule],
  controllers: [HealthController],
  providers: [DatabaseHealthIndicator, RedisHealthIndicator],
})
export class HealthModule {}
