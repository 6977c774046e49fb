import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GaragesModule } from '../garages/garages.module';
import { KeysModule } from '../keys/keys.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionAccounts } from './session-accounts';
import { SessionsModule } from './sessions.module';
import { TokenService } from './token.service';

/** Accounts' sessions: register, login, refresh, logout; the guard every route goes through. */
@Module({
  imports: [SessionsModule, UsersModule, GaragesModule, RateLimitModule, KeysModule, RealtimeModule],
  controllers: [AuthController],
  providers: [AuthService, TokenService, SessionAccounts, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, AuthService, SessionsModule, SessionAccounts],
})
export class AuthModule {}
