import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { Environment } from '../config/environment';
import { GaragesModule } from '../garages/garages.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionAccounts } from './session-accounts';
import { TokenService } from './token.service';
import { RateLimitModule } from '../rate-limit/rate-limit.module';

/** A duration such as "12h" or a number of seconds, as JWT_EXPIRES_IN allows. */
function expiresIn(value: string): number | `${number}${'s' | 'm' | 'h' | 'd'}` {
  return /^\d+$/.test(value) ? Number(value) : (value as `${number}${'s' | 'm' | 'h' | 'd'}`);
}

@Module({
  imports: [
    UsersModule,
    GaragesModule,
    RateLimitModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        secret: config.get('JWT_SECRET', { infer: true }),
        signOptions: {
          expiresIn: expiresIn(config.get('JWT_EXPIRES_IN', { infer: true })),
          algorithm: 'HS256',
        },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, TokenService, SessionAccounts, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, AuthService, SessionAccounts],
})
export class AuthModule {}
