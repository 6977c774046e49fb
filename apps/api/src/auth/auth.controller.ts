import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { USER_ROLES, type AuthResponse, type SuspendedAccessView, type UserView } from '@promoto/shared-dto';
import { LoginDto, RefreshDto, RegisterDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { AppThrottlerGuard } from '../rate-limit/app-throttler.guard';
import { OpenToSuspended, Public, Roles } from './auth.decorators';
import { CurrentSessionId, CurrentUser, type AuthUser } from './auth-user';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(AppThrottlerGuard)
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many attempts from this address' })
  @Post('register')
  @ApiOperation({
    summary: 'Create a client or garagiste account (a garagiste also creates the garage)',
  })
  @ApiConflictResponse({
    description: 'EMAIL_TAKEN: an account already uses this email',
  })
  @ApiView('AuthResponse')
  register(@Body() body: RegisterDto): Promise<AuthResponse> {
    return this.auth.register(body);
  }

  @Public()
  @UseGuards(AppThrottlerGuard)
  @ApiTooManyRequestsResponse({
    description:
      'RATE_LIMITED: too many attempts from this address, or on this account (from this address, or from all)',
  })
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange email and password for an access token' })
  @ApiUnauthorizedResponse({
    description: 'UNAUTHENTICATED: email or password is incorrect (same answer for both)',
  })
  @ApiForbiddenResponse({ description: 'ACCOUNT_SUSPENDED: the password is right, and an admin suspended the account' })
  @ApiView('AuthResponse')
  login(@Body() body: LoginDto, @Ip() address: string): Promise<AuthResponse> {
    return this.auth.login(body, address);
  }

  @Public()
  @UseGuards(AppThrottlerGuard)
  @ApiTooManyRequestsResponse({
    description:
      'RATE_LIMITED: too many attempts from this address, or on this account (counted with the login attempts)',
  })
  @Post('suspended-access')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'A suspended account’s access to its data: email and password exchanged for a token that GET and POST /api/me/data-exports, DELETE /api/me and POST /api/auth/logout admit, and no other route (403 ACCOUNT_SUSPENDED) nor the socket; not renewed (no refresh token): past expiresAt, ask again',
  })
  @ApiUnauthorizedResponse({
    description: 'UNAUTHENTICATED: email or password is incorrect (same answer for both)',
  })
  @ApiConflictResponse({ description: 'CONFLICT: the account is not suspended: log in (POST /api/auth/login)' })
  @ApiView('SuspendedAccessView')
  suspendedAccess(@Body() body: LoginDto, @Ip() address: string): Promise<SuspendedAccessView> {
    return this.auth.suspendedAccess(body, address);
  }

  @Public()
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many refreshes from this address' })
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange the refresh token for a new access token and the next refresh token',
    description:
      'Each refresh token works once. Presenting one that was already used ends its session on every device (a stolen copy, or a replay), and both holders must log in again.',
  })
  @ApiUnauthorizedResponse({
    description:
      'UNAUTHENTICATED: the refresh token is unknown, was already used (the session is then ended), or its session has ended',
  })
  @ApiForbiddenResponse({ description: 'ACCOUNT_SUSPENDED: an admin suspended the account (which ended its sessions)' })
  @ApiView('AuthResponse')
  refresh(@Body() body: RefreshDto, @Ip() address: string): Promise<AuthResponse> {
    return this.auth.refresh(body, address);
  }

  @Post('logout')
  @Roles(...USER_ROLES)
  @OpenToSuspended()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working, its sockets close' })
  @ApiNoContentResponse({ description: 'The session has ended' })
  logout(@CurrentSessionId() sessionId: string): Promise<void> {
    return this.auth.logout(sessionId);
  }

  @Post('logout-all')
  @Roles(...USER_ROLES)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'End every session of this account (« Se déconnecter partout »), this one included; their sockets close',
  })
  @ApiNoContentResponse({ description: 'Every session of the account has ended' })
  logoutEverywhere(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logoutEverywhere(user);
  }

  @Get('me')
  @Roles(...USER_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The account behind the token' })
  @ApiView('UserView')
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.auth.me(user);
  }
}
