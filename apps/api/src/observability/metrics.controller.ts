import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { notFound, unauthenticated } from '../common/app-exception';
import type { Environment } from '../config/environment';
import { MetricsService } from './metrics.service';

const sameSecret = (given: string, expected: string) =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/**
 * Prometheus scrape endpoint. It is never public by accident: without METRICS_TOKEN it does not
 * exist (404), and with it the scraper must send that token as a bearer token.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @Public()
  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    const token = this.config.get('METRICS_TOKEN', { infer: true });
    if (!token) throw notFound('Cannot GET /api/metrics');
    const given = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? '';
    if (!sameSecret(given, token)) throw unauthenticated('The metrics token is missing or wrong.');
    response.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
