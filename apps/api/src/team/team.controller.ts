import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { GarageInvitationView, GarageMemberView, GarageTeamView } from '@promoto/shared-dto';
import { ChangeMemberRoleDto, InviteMemberDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { Roles } from '../auth/auth.decorators';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { InvitationsService } from './invitations.service';
import { TeamService } from './team.service';

@ApiTags('team')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'NOT_FOUND: my account belongs to no garage (or no such member or invitation)' })
@Controller('team')
@Roles('garagiste')
export class TeamController {
  constructor(
    private readonly team: TeamService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "My garage's members, owners first, and for an owner the invitations waiting for an answer",
  })
  @ApiView('GarageTeamView')
  view(@CurrentUser() user: AuthUser): Promise<GarageTeamView> {
    return this.team.view(user, (garageId) => this.invitations.pending(garageId));
  }

  @Post('invitations')
  @ApiOperation({
    summary:
      'An owner invites someone by e-mail: a link valid 7 days, usable once, replacing any pending invitation of that e-mail',
  })
  @ApiForbiddenResponse({ description: "FORBIDDEN: only the garage's owners manage its team" })
  @ApiConflictResponse({ description: 'CONFLICT: this person is already a member of the garage' })
  @ApiServiceUnavailableResponse({
    description: 'SERVICE_UNAVAILABLE: the e-mail could not be sent; nothing was saved',
  })
  @ApiView('GarageInvitationView')
  invite(@CurrentUser() user: AuthUser, @Body() body: InviteMemberDto): Promise<GarageInvitationView> {
    return this.invitations.invite(user, body);
  }

  @Delete('invitations/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'An owner withdraws a pending invitation: its link stops working' })
  @ApiForbiddenResponse({ description: "FORBIDDEN: only the garage's owners manage its team" })
  revoke(@CurrentUser() user: AuthUser, @Param('id', MongoIdPipe) id: string): Promise<void> {
    return this.invitations.revoke(user, id);
  }

  @Patch('members/:userId')
  @ApiOperation({ summary: "An owner changes a member's role (owner or staff)" })
  @ApiForbiddenResponse({ description: "FORBIDDEN: only the garage's owners manage its team" })
  @ApiConflictResponse({
    description: "LAST_OWNER: the garage would have no owner left; CONFLICT: the member's role changed meanwhile",
  })
  @ApiView('GarageMemberView')
  changeRole(
    @CurrentUser() user: AuthUser,
    @Param('userId', MongoIdPipe) userId: string,
    @Body() body: ChangeMemberRoleDto,
  ): Promise<GarageMemberView> {
    return this.team.changeRole(user, userId, body.role);
  }

  @Delete('members/:userId')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'An owner removes a member, or a member leaves (their own id): the account loses access to the garage at once, its open sockets get membership-ended and are closed',
  })
  @ApiForbiddenResponse({ description: "FORBIDDEN: only the garage's owners remove someone else" })
  @ApiConflictResponse({
    description: "LAST_OWNER: the garage's last owner cannot leave; CONFLICT: the member's role changed meanwhile",
  })
  remove(@CurrentUser() user: AuthUser, @Param('userId', MongoIdPipe) userId: string): Promise<void> {
    return this.team.remove(user, userId);
  }
}
