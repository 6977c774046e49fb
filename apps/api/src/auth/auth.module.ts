import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { GaragesModule } from '../garages/garages.module';
import { KeysModule } from '../keys/keys.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionAccounts } from './session-accounts';
import { SessionRetention } from './session-retention';
import { RefreshTokenRecord, RefreshTokenSchema, SessionRecord, SessionSchema } from './session.schema';
import { SessionsService } from './sessions.service';
import { TokenService } from './token.service';

/** Accounts' sessions: register, login, refresh, logout; the guard every route goes through. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SessionRecord.name, schema: SessionSchema },
      { name: RefreshTokenRecord.name, schema: RefreshTokenSchema },
    ]),
    UsersModule,
    GaragesModule,
    RateLimitModule,
    KeysModule,
    RealtimeModule,
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    SessionsService,
    SessionRetention,
    SessionAccounts,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, AuthService, SessionsService, SessionAccounts],
})
export class AuthModule {}
