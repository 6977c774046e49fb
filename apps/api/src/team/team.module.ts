import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module';
import { GaragesModule } from '../garages/garages.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { UsersModule } from '../users/users.module';
import { GarageInvitation, GarageInvitationSchema } from './garage-invitation.schema';
import { GarageMembersMigration } from './garage-members-migration';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MembershipSessions } from './membership-sessions';
import { TeamController } from './team.controller';
import { TeamService } from './team.service';

/**
 * A garage's team: its members (accounts, read through UsersService), their roles, and the
 * invitations that bring new ones (e-mailed through the notifications' Mailer).
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: GarageInvitation.name, schema: GarageInvitationSchema }]),
    AuthModule,
    UsersModule,
    GaragesModule,
    NotificationsModule,
    RealtimeModule,
    RateLimitModule,
  ],
  controllers: [TeamController, InvitationsController],
  providers: [TeamService, InvitationsService, MembershipSessions, GarageMembersMigration],
  exports: [TeamService],
})
export class TeamModule {}
