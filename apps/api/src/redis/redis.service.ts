import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis, type RedisOptions } from 'ioredis';
import type { Environment } from '../config/environment';

/**
 * The Redis connections, when REDIS_URL is set: one for commands and publishing, one held in
 * subscriber mode by the Socket.IO adapter. Both reconnect on their own and resubscribe.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly commands?: Redis;
  readonly subscriber?: Redis;

  constructor(config: ConfigService<Environment, true>) {
    const url = config.get('REDIS_URL', { infer: true });
    if (!url) return;
    // Commands fail fast while Redis is away (rate limits then let requests through) instead of queueing.
    this.commands = this.connect(url, 'commands', { maxRetriesPerRequest: 1 });
    // No INFO ready check on the subscriber: it would reach Redis after the adapter's SSUBSCRIBE,
    // which Redis refuses in subscriber mode, and the connection would loop on reconnecting.
    this.subscriber = this.connect(url, 'subscriber', { enableReadyCheck: false });
  }

  get enabled(): boolean {
    return this.commands !== undefined;
  }

  async ping(): Promise<void> {
    if (!this.commands) return;
    await this.commands.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [this.commands, this.subscriber].map((client) => client?.quit().catch(() => client.disconnect())),
    );
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
