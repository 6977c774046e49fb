import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { DrainService } from '../lifecycle/drain.service';
import { DatabaseHealthIndicator } from './database.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly drain: DrainService,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Database state: 200 when MongoDB answers a ping' })
  @ApiServiceUnavailableResponse({
    description: 'The database does not answer; the body says which check failed',
  })
  check(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.report(response, [() => this.database.ping('database', 1_500)]);
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process runs and its event loop answers' })
  @ApiOkResponse({
    description: 'The process runs',
    schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: the database answers and the replica is not draining (Redis is not checked: a replica serves without it)',
  })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer, or the replica is shutting down' })
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.report(response, [() => this.accepting(), () => this.database.ping('database', 1_500)]);
  }

  /** Down from the moment a SIGTERM starts draining, so the load balancer stops sending traffic. */
  private accepting() {
    const check = this.indicators.check('server');
    return this.drain.isDraining ? check.down({ message: 'shutting down' }) : check.up();
  }

  private async report(response: Response, checks: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      // Load balancers and ops read terminus's own report, not the API's error envelope.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
