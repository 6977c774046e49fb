import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RealtimeModule } from '../realtime/realtime.module';
import { SessionRetention } from './session-retention';
import { RefreshTokenRecord, RefreshTokenSchema, SessionRecord, SessionSchema } from './session.schema';
import { SessionsService } from './sessions.service';

/**
 * Sessions and their refresh tokens, on their own so that the operator command (which serves no
 * route) can end an account's sessions without the HTTP side of AuthModule.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SessionRecord.name, schema: SessionSchema },
      { name: RefreshTokenRecord.name, schema: RefreshTokenSchema },
    ]),
    RealtimeModule,
  ],
  providers: [SessionsService, SessionRetention],
  exports: [SessionsService],
})
export class SessionsModule {}
