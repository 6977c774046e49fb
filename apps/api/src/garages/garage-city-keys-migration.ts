import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { runStartUpMigration } from '../database/start-up-migration';
import { GaragesService } from './garages.service';

const MIGRATION_ID = 'garage-city-keys';

/**
 * Searches by city read `cityKey`: once, before the API serves, each garage from before it gets
 * its key from its city. Only what is missing is filled, so replicas starting together repeat one
 * another's work harmlessly; once done, a start costs one read by `_id`.
 */
@Injectable()
export class GarageCityKeysMigration implements OnApplicationBootstrap {
  private readonly logger = new Logger(GarageCityKeysMigration.name);

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly garages: GaragesService,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return runStartUpMigration(this.connection, MIGRATION_ID, async () => {
      const filled = await this.garages.fillCityKeys();
      if (filled > 0) this.logger.log(`${filled} garages given their city key`);
    });
  }
}
