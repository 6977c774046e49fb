import {
  Controller,
  Get,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  type HealthCheckResult,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { DatabaseHealthIndicator } from './database.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Database state: 200 when MongoDB answers a ping' })
  @ApiServiceUnavailableResponse({
    description:
      'The database does not answer; the body says which check failed',
  })
  async check(
    @Res({ passthrough: true }) response: Response,
  ): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.ping('database', 1_500),
      ]);
    } catch (error) {
      // Load balancers and ops read terminus's own report, not the API's error envelope.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
