import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { runStartUpMigration } from '../database/start-up-migration';
import { GaragesService } from '../garages/garages.service';
import { UsersService } from '../users/users.service';

const MIGRATION_ID = 'garage-members';

/**
 * Teams on a database from before them, once, before the API serves: each garage's garagiste (its
 * owner, the only one then) becomes its first member with the role 'owner', and each garage
 * counts one owner. Both steps only fill what is missing, so replicas starting together repeat
 * one another's work harmlessly; once done, a start costs one read by `_id`.
 */
@Injectable()
export class GarageMembersMigration implements OnApplicationBootstrap {
  private readonly logger = new Logger(GarageMembersMigration.name);

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly users: UsersService,
    private readonly garages: GaragesService,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return runStartUpMigration(this.connection, MIGRATION_ID, async () => {
      const owners = await this.users.makeFoundersOwners();
      const garages = await this.garages.countFoundingOwners();
      if (owners + garages > 0)
        this.logger.log(`${owners} garagistes made owners of their garage, ${garages} garages counted`);
    });
  }
}
