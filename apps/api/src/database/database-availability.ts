import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { TopologyDescription } from 'mongodb';
import type { Connection } from 'mongoose';
import { DatabaseUnavailableException } from '../common/app-exception';

const hasWritableServer = (description: TopologyDescription) =>
  [...description.servers.values()].some((server) => server.isWritable);

/**
 * Whether the driver knows a server that takes writes now (a primary, or the standalone
 * server), as its monitoring sees it (a heartbeat every 500 ms, and any failed command). Requests
 * wait up to the driver's server selection timeout for a primary, long enough to ride out an
 * election; a send must not keep its author waiting that long, so it asks here first.
 */
@Injectable()
export class DatabaseAvailability {
  private writable: boolean;
  private readonly onLost = new Set<() => void>();

  constructor(@InjectConnection() connection: Connection) {
    this.writable = connection.readyState === 1;
    connection.getClient().on('topologyDescriptionChanged', ({ newDescription }) => {
      const writable = hasWritableServer(newDescription);
      if (this.writable && !writable) for (const notify of [...this.onLost]) notify();
      this.writable = writable;
    });
  }

  /**
   * Runs a write when a server takes writes, and fails it with DATABASE_UNAVAILABLE (and a retry
   * hint) at once otherwise, or as soon as that server is lost while the write waits. A write
   * already sent may still be stored once the database is back: the client's retry with the same
   * clientMessageId finds it.
   */
  async writeNow<T>(write: () => Promise<T>): Promise<T> {
    if (!this.writable) throw new DatabaseUnavailableException();
    let lost!: () => void;
    const unavailable = new Promise<never>((_, reject) => {
      lost = () => reject(new DatabaseUnavailableException());
    });
    this.onLost.add(lost);
    const running = write();
    try {
      return await Promise.race([running, unavailable]);
    } finally {
      this.onLost.delete(lost);
      running.catch(() => undefined);
    }
  }
}
