import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import { SessionsModule } from '../auth/sessions.module';
import { validateEnvironment } from '../config/environment';
import { DatabaseModule } from '../database/database.module';
import { LoggingModule } from '../observability/logging.module';
import { UsersModule } from '../users/users.module';
import { AdminAccounts } from './admin-accounts';
import { AdminAudit } from './admin-audit';
import { AdminAuditEntry, AdminAuditSchema } from './admin-audit.schema';

/** What the operator command needs: the configuration the API validates, the database, the accounts, their sessions and the audit. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: validateEnvironment }),
    LoggingModule,
    DatabaseModule,
    UsersModule,
    SessionsModule,
    MongooseModule.forFeature([{ name: AdminAuditEntry.name, schema: AdminAuditSchema }]),
  ],
  providers: [AdminAccounts, AdminAudit],
})
export class AdminCliModule {}
