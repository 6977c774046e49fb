import { Global, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Environment } from '../config/environment';
import { ObservabilityModule } from '../observability/observability.module';
import { DatabaseAvailability } from './database-availability';
import { DatabaseMetrics } from './database-metrics';

const logger = new Logger('Database');

/** Keeps a dropped database from crashing the process: the driver reconnects, health reports it. */
function watchConnection(connection: Connection): Connection {
  connection.on('error', (error: Error) => logger.error(`MongoDB connection error: ${error.message}`));
  connection.on('disconnected', () => logger.warn('MongoDB disconnected; the driver keeps retrying'));
  connection.on('reconnected', () => logger.log('MongoDB reconnected'));
  return connection;
}

@Global()
@Module({
  imports: [
    ObservabilityModule,
    MongooseModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        uri: config.get('MONGODB_URI', { infer: true }),
        dbName: config.get('MONGODB_DB', { infer: true }),
        // A write is acknowledged once a majority of the replica set has it, so a failover never
        // takes back an acknowledged message; a write or read cut by a failover is tried once
        // more on the new primary.
        w: 'majority',
        retryWrites: true,
        retryReads: true,
        // Requests wait this long for a server: an election (about 12 s on a managed cluster)
        // delays them instead of failing them. Sends do not wait (DatabaseAvailability), and
        // readiness pings with its own short timeout. A heartbeat every 500 ms notices a lost
        // or returning server, so that work resumes within a second or two.
        serverSelectionTimeoutMS: 15_000,
        heartbeatFrequencyMS: 500,
        // Every command's duration, for mongodb_command_duration_seconds (DatabaseMetrics).
        monitorCommands: true,
        bufferCommands: false,
        retryAttempts: 5,
        retryDelay: 1_000,
        // Indexes are part of the contract (uniqueness, cursor paging): build them at start.
        autoIndex: true,
        connectionFactory: watchConnection,
      }),
    }),
  ],
  providers: [DatabaseAvailability, DatabaseMetrics],
  exports: [DatabaseAvailability],
})
export class DatabaseModule {}
