import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthIndicatorService } from '@nestjs/terminus';
import { withTimeout } from '../common/with-timeout';
import type { Connection } from 'mongoose';

/**
 * Pings the server for real. Terminus's MongooseHealthIndicator only reads the connection's
 * readyState, which stays "connected" for seconds after the database has gone. Any member of the
 * replica set may answer: during an election there is no primary for ~10 s, and requests wait for
 * the new one, so every replica turning unready at once would only turn that wait into errors.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly healthIndicator: HealthIndicatorService,
  ) {}

  async ping(key: string, timeoutMs: number) {
    const check = this.healthIndicator.check(key);
    const db = this.connection.db;
    if (!db) return check.down({ message: 'not connected' });
    try {
      await withTimeout(db.command({ ping: 1 }, { readPreference: 'nearest' }), timeoutMs);
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
