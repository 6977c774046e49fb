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
        serverSelectionTimeoutMS: 5_000,
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
