import { Global, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Environment } from '../config/environment';

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
    MongooseModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        uri: config.get('MONGODB_URI', { infer: true }),
        dbName: config.get('MONGODB_DB', { infer: true }),
        // While the database is away, a command fails within a second instead of queueing: the
        // API answers 503 DATABASE_UNAVAILABLE and the client retries. A heartbeat every 500 ms
        // notices its return, so that work resumes within a second or two.
        serverSelectionTimeoutMS: 1_000,
        heartbeatFrequencyMS: 500,
        bufferCommands: false,
        retryAttempts: 5,
        retryDelay: 1_000,
        // Indexes are part of the contract (uniqueness, cursor paging): build them at start.
        autoIndex: true,
        connectionFactory: watchConnection,
      }),
    }),
  ],
})
export class DatabaseModule {}
