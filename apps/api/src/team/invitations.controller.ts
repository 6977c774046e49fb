import { Body, Controller, Headers, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { AuthResponse, InvitationPreviewView } from '@promoto/shared-dto';
import { InvitationRegisterDto, InvitationTokenDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { Public } from '../auth/auth.decorators';
import { CurrentSessionId, CurrentUser, type AuthUser } from '../auth/auth-user';
import { TokenService } from '../auth/token.service';
import { AppThrottlerGuard } from '../rate-limit/app-throttler.guard';
import { InvitationsService } from './invitations.service';

const GONE = 'INVITATION_USED: the link was already used; INVITATION_EXPIRED: past its 7 days';
const UNKNOWN = 'NOT_FOUND: no invitation has this token (never sent, withdrawn, or replaced by a newer one)';

/** The invitation's link: its token travels in the body, never in a path or query that logs would keep. */
@ApiTags('team')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Public()
  @UseGuards(AppThrottlerGuard)
  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "What an invitation's link offers: the garage, the role, the invited e-mail" })
  @ApiGoneResponse({ description: GONE })
  @ApiNotFoundResponse({ description: UNKNOWN })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many attempts from this address' })
  @ApiView('InvitationPreviewView')
  preview(@Body() body: InvitationTokenDto): Promise<InvitationPreviewView> {
    return this.invitations.preview(body.token);
  }

  @Public()
  @UseGuards(AppThrottlerGuard)
  @Post('register')
  @ApiOperation({
    summary:
      'Accept with a new garagiste account for the invited e-mail: answers its session, a member of the garage. A bearer token is optional: when one still valid is sent (the browser was signed in as another account), its session ends, replaced by the new one (its tokens are refused, its sockets closed)',
  })
  @ApiConflictResponse({ description: 'EMAIL_TAKEN: an account already uses the invited e-mail: log in and accept' })
  @ApiGoneResponse({ description: GONE })
  @ApiNotFoundResponse({ description: UNKNOWN })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many attempts from this address' })
  @ApiView('AuthResponse')
  register(
    @Body() body: InvitationRegisterDto,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<AuthResponse> {
    return this.invitations.register(body, TokenService.fromHeader(authorization));
  }

  @Post('accept')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Accept with my own account (a garagiste of the invited e-mail, in no garage): answers a fresh session showing the garage, which replaces the session that asked (ended: its tokens are refused, its sockets closed)',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: the invitation is for another e-mail, or the account is a client' })
  @ApiConflictResponse({ description: 'CONFLICT: the account already belongs to a garage' })
  @ApiGoneResponse({ description: GONE })
  @ApiNotFoundResponse({ description: UNKNOWN })
  @ApiView('AuthResponse')
  accept(
    @CurrentUser() user: AuthUser,
    @CurrentSessionId() sessionId: string,
    @Body() body: InvitationTokenDto,
  ): Promise<AuthResponse> {
    return this.invitations.accept(user, sessionId, body.token);
  }
}
