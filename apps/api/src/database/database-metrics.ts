import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { CommandFailedEvent, CommandSucceededEvent } from 'mongodb';
import type { Connection } from 'mongoose';
import { MetricsService } from '../observability/metrics.service';

/** Commands the driver sends on its own to watch the servers: not the application's latency. */
const MONITORING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'buildInfo', 'endSessions']);

/** `mongodb_command_duration_seconds`, from the driver's command monitoring (monitorCommands). */
@Injectable()
export class DatabaseMetrics {
  constructor(@InjectConnection() connection: Connection, metrics: MetricsService) {
    const observe = (outcome: 'ok' | 'failed') => (event: CommandSucceededEvent | CommandFailedEvent) => {
      if (MONITORING.has(event.commandName)) return;
      metrics.databaseCommandDuration.observe({ command: event.commandName, outcome }, event.duration / 1000);
    };
    const client = connection.getClient();
    client.on('commandSucceeded', observe('ok'));
    client.on('commandFailed', observe('failed'));
  }
}
