import { BeforeApplicationShutdown, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ERROR_CODES } from '@promoto/shared-dto';
import { AppException } from '../common/app-exception';
import type { Environment } from '../config/environment';
import { DatabaseAvailability } from '../database/database-availability';
import { ChatEvents } from '../realtime/chat-events';

/**
 * Graceful shutdown. On SIGTERM the replica reports itself not ready, refuses new sends with
 * 503 (clients retry elsewhere with the same clientMessageId), lets the sends in flight finish
 * their writes, then tells its sockets to reconnect elsewhere. Nest then closes the HTTP server
 * (which waits for requests in flight), the database and Redis.
 */
@Injectable()
export class DrainService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly inFlight = new Set<Promise<unknown>>();
  private draining = false;

  constructor(
    private readonly events: ChatEvents,
    private readonly config: ConfigService<Environment, true>,
    private readonly database: DatabaseAvailability,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Runs a write that must not be cut short by a shutdown, or refuses it once draining began;
   * while no database server takes writes, it fails at once (see DatabaseAvailability).
   */
  async track<T>(work: () => Promise<T>): Promise<T> {
    if (this.draining) {
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        ERROR_CODES.SERVICE_UNAVAILABLE,
        'This server is restarting: send again.',
      );
    }
    const running = this.database.writeNow(work);
    this.inFlight.add(running);
    try {
      return await running;
    } finally {
      this.inFlight.delete(running);
    }
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.draining = true;
    this.logger.log(`${signal ?? 'shutdown'}: draining ${this.inFlight.size} send(s) in flight`);
    const budget = this.config.get('SHUTDOWN_TIMEOUT_MS', { infer: true }) / 2;
    const settled = Promise.allSettled([...this.inFlight]);
    const timedOut = await Promise.race([
      settled.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), budget).unref()),
    ]);
    if (timedOut) this.logger.warn(`sends still running after ${budget} ms; closing anyway`);
    await this.events.releaseLocalSockets(Math.min(budget, 2_000));
  }
}
