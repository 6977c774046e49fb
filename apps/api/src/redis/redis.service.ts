import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis, type RedisOptions } from 'ioredis';
import { Gauge } from 'prom-client';
import type { Environment } from '../config/environment';
import { MetricsService } from '../observability/metrics.service';

/**
 * Reconnection attempts a publish waits through before it fails: with the retry delays below,
 * about 30 s of Redis being away. Past that, events of that time reach other replicas' clients
 * only through their catch-up from the database.
 */
const PUBLISH_RETRIES = 20;

/** Commands the Socket.IO adapter sends without waiting for them (sessions, ephemeral pub/sub). */
const FIRE_AND_FORGET = ['set', 'publish', 'spublish'] as const;

/**
 * The Redis connections, when REDIS_URL is set: `commands` for rate limits, which fail fast while
 * Redis is away (the limiters decide what to do then), and `publisher` for Socket.IO's adapter,
 * whose commands wait in ioredis's offline queue through a blip and go out in order once Redis is
 * back, so that events published meanwhile still reach the other replicas. Redis's state is a
 * metric (`redis_connection_up`), not a readiness check: a replica serves without it.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly commands?: Redis;
  readonly publisher?: Redis;

  constructor(config: ConfigService<Environment, true>, metrics: MetricsService) {
    const url = config.get('REDIS_URL', { infer: true });
    if (!url) return;
    this.commands = this.connect(url, 'commands', { maxRetriesPerRequest: 1 });
    this.publisher = this.connect(url, 'publisher', { maxRetriesPerRequest: PUBLISH_RETRIES });
    for (const name of FIRE_AND_FORGET) markRejectionsHandled(this.publisher, name);
    const connections = { commands: this.commands, publisher: this.publisher };
    new Gauge({
      name: 'redis_connection_up',
      help: 'Whether this replica’s Redis connection is ready (1) or reconnecting (0), by connection',
      labelNames: ['connection'] as const,
      registers: [metrics.registry],
      collect() {
        for (const [name, client] of Object.entries(connections))
          this.set({ connection: name }, client.status === 'ready' ? 1 : 0);
      },
    });
  }

  get enabled(): boolean {
    return this.commands !== undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.commands, this.publisher].map((client) => client?.quit().catch(() => client.disconnect())));
  }

  private connect(url: string, role: string, options: RedisOptions): Redis {
    const client = new Redis(url, {
      ...options,
      lazyConnect: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    let warned = false;
    client.on('error', (error: Error) => {
      if (!warned) this.logger.warn(`Redis ${role} connection error: ${error.message}; reconnecting`);
      warned = true;
    });
    client.on('ready', () => {
      if (warned) this.logger.log(`Redis ${role} connection is back`);
      warned = false;
    });
    return client;
  }
}

/**
 * The adapter does not wait for some of its commands: a failure (Redis away longer than the
 * retries) must not surface as an unhandled rejection, which would stop the process. Callers
 * that do wait still see the error.
 */
function markRejectionsHandled(client: Redis, name: (typeof FIRE_AND_FORGET)[number]): void {
  const original = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(client, {
    [name]: (...args: unknown[]) => {
      const reply = original(...args);
      reply.catch(() => undefined);
      return reply;
    },
  });
}
